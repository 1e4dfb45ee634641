package io.tavern.testserver;

/** Runs the test server by itself, for trying the CLI by hand: prints its port, serves until killed. */
public final class TestTavernServerMain {

    private TestTavernServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        TestTavernServer server = TestTavernServer.start(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        System.out.println("test server on 127.0.0.1:" + server.port());
        Thread.currentThread().join();
    }
}
