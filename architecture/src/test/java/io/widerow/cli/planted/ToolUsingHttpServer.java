package io.widerow.cli.planted;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Planted violation: a command that serves HTTP itself instead of through an HTTP adapter. */
public final class ToolUsingHttpServer {

  public HttpServer serve(int port) throws IOException {
    return HttpServer.create(new InetSocketAddress(port), 0);
  }
}
