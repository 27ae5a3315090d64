package io.hakeeper.engine.lab;

/**
 * A separate JVM that builds a lab, says its switch namespace on stdout, and waits to be killed: the test
 * of what is left behind when a test JVM dies mid-run.
 */
public final class LabHolder {

    private LabHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        NamespaceLab lab = NamespaceLab.create(1);
        System.out.println(lab.switchNamespace());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
