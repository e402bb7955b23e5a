package dev.apfa.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Cheap reachability checks that log nothing, used before a client that would log every failed try. */
final class Net {

    private static final int CONNECT_TIMEOUT_MILLIS = 500;

    private Net() {
    }

    static boolean isListening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
