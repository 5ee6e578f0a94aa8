package io.widerow.stack.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.stack.StackConfig;
import io.widerow.stack.StackSecrets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NginxConfTest {

  private static final Path DIR = Path.of("/stack/elasticsearch-proxy");

  @Test
  void apiKeyTurnsBasicAuthOffOnlyForExactlyThatKey() {
    String key = "aGk+dGhlcmU/Zm9v=";

    String conf = ElasticsearchProxy.NginxConf.of(DIR, 30243, 30200, secrets(), key);

    Matcher line = Pattern.compile("\"~(\\^ApiKey .*\\$)\" off;").matcher(conf);
    assertThat(line.find()).as(conf).isTrue();
    // nginx's PCRE reads these escapes as Java's regular expressions do.
    Pattern apiKey = Pattern.compile(line.group(1));
    assertThat(apiKey.matcher("ApiKey " + key).matches()).isTrue();
    assertThat(apiKey.matcher("ApiKey aGkkdGhlcmU/Zm9v=").matches())
        .as("+ is no quantifier")
        .isFalse();
    assertThat(apiKey.matcher("ApiKey " + key + "x").matches()).isFalse();
    assertThat(apiKey.matcher("Basic " + key).matches()).isFalse();
  }

  @Test
  void listensWithTlsOnLoopbackAndForwardsNoCredentials() {
    String conf = ElasticsearchProxy.NginxConf.of(DIR, 30243, 30200, secrets(), "a2V5");

    assertThat(conf)
        .contains("listen 127.0.0.1:30243 ssl;")
        .contains("server 127.0.0.1:30200;")
        .contains("auth_basic $widerow_realm;")
        .contains("auth_basic_user_file /stack/elasticsearch-proxy/htpasswd;")
        .contains("proxy_set_header Authorization \"\";")
        .contains("ssl_certificate /stack/secrets/server-chain.pem;");
  }

  private static StackSecrets secrets() {
    return new StackSecrets(
        new StackConfig(
            Path.of("/stack"),
            1,
            2,
            3,
            4,
            5,
            6,
            7,
            Path.of("/jdk"),
            Optional.empty(),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1)));
  }
}
