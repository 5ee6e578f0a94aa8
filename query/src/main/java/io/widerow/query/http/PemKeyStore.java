package io.widerow.query.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key store in memory from the PEM files a secret mount holds: a certificate chain and an
 * unencrypted PKCS#8 private key (RSA or EC), as {@code openssl} and cert-manager write them.
 */
final class PemKeyStore {

  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([^-]+)-----END PRIVATE KEY-----");
  private static final String ALIAS = "query";

  private PemKeyStore() {}

  /**
   * @param password what the key entry is protected with inside the store
   * @throws IllegalArgumentException naming the file and what was expected
   */
  static KeyStore load(Path certFile, Path keyFile, char[] password) {
    List<? extends Certificate> chain = certificates(certFile);
    PrivateKey key = privateKey(keyFile);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, key, password, chain.toArray(Certificate[]::new));
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "query.tls: the key in '"
              + keyFile
              + "' does not fit the certificate in '"
              + certFile
              + "'",
          e);
    }
  }

  private static List<? extends Certificate> certificates(Path file) {
    try {
      byte[] pem = Files.readAllBytes(file);
      List<? extends Certificate> chain =
          List.copyOf(
              CertificateFactory.getInstance("X.509")
                  .generateCertificates(new ByteArrayInputStream(pem)));
      if (chain.isEmpty()) {
        throw new IllegalArgumentException(
            "query.tls.certFile: '" + file + "' holds no certificate; expected PEM certificates");
      }
      return chain;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "query.tls.certFile: '"
              + file
              + "' cannot be read ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "query.tls.certFile: '" + file + "' is not valid; expected PEM certificates", e);
    }
  }

  private static PrivateKey privateKey(Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "query.tls.keyFile: '" + file + "' cannot be read (" + e.getClass().getSimpleName() + ")",
          e);
    }
    Matcher m = PKCS8.matcher(pem);
    if (!m.find()) {
      throw new IllegalArgumentException(
          "query.tls.keyFile: '"
              + file
              + "' holds no '-----BEGIN PRIVATE KEY-----' block; expected an unencrypted PKCS#8 key"
              + " (convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8)");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    for (String algorithm : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException(
        "query.tls.keyFile: '" + file + "' is not valid; expected an RSA or EC private key");
  }
}
