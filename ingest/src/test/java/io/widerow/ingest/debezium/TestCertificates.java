package io.widerow.ingest.debezium;

/** A self-signed CA certificate, for tests that turn a PEM into a truststore. */
final class TestCertificates {

  static final String CA_PEM =
      """
      -----BEGIN CERTIFICATE-----
      MIIDFzCCAf+gAwIBAgIUTlsdexgBdZr9sedyWCFpPBy9r7owDQYJKoZIhvcNAQEL
      BQAwGjEYMBYGA1UEAwwPd2lkZXJvdyB0ZXN0IENBMCAXDTI2MTIwMjAzMjg1M1oY
      DzIxMjYxMTA4MDMyODUzWjAaMRgwFgYDVQQDDA93aWRlcm93IHRlc3QgQ0EwggEi
      MA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQC5KjWZgcnMTfaT1Ih61NOhB//F
      RB+xik6A7oCjdIEjvjfywp4Fomi9M68aNnTG1s0fg4Vz9PsUJneuFD3cNPTKwclz
      I7NlZNKigd5ccKW+rXOn7LGln1xSx5xaWugwABZSYmFcd/u3qR2/xW4mN1F1Msk9
      UZ20MIrHlgdIDBaXVSMUwuowRgXoGGGrK1ikVt7P5YzGDYMLUgft99qqx4TBNqXq
      kRdH2C7788K2j7QzIBo3wtsyO/oa7dkOZnO/8/FYX1+Mwm1+qmTVKXqTc6N+ZHJp
      K/0W3hW51eMPkWmFWqdobFPK79ztcGOjup0HZp0nvK053EL5R/onQ6Fx4OKPAgMB
      AAGjUzBRMB0GA1UdDgQWBBR/VkkL09UWbv8BgAQJSjHgsYS5LTAfBgNVHSMEGDAW
      gBR/VkkL09UWbv8BgAQJSjHgsYS5LTAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3
      DQEBCwUAA4IBAQCJyaYO87QGCY0UOnxAAuhSdgHXLTngoFdJF64BzO+4rFQkJYe3
      qRjWLtJ17d5tZ8ODoUhB+hJ4xvLWXDIAwNBclQhxsPYY15WbYIiXyVhgtJm/mpVB
      ijHLfOgOUqE8YbzoF35AuZaReLeBPceI5XBTDJRKYlsm+Fp2ydYajPw40CbHUOFC
      Y2YXM5SLmelB15BrUFwS8LN2DoEKuQi4P43jRQw3bHnA+dLjOc1qpoh15g/B2gQA
      LpXtXo8NJ2+TjGlDaFCJKLpwnEf09pO6pTbPXOYsovJWKUpYRZNtME28XL7Myu//
      Eq1Jej1sx6c2J9pFqoAUw5jDBbVPcCqsIhw4
      -----END CERTIFICATE-----
      """;

  private TestCertificates() {}
}
