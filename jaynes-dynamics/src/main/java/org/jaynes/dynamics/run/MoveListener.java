package org.jaynes.dynamics.run;

/** Told of every move an agent dynamics makes, before the state changes (for tests and tracing). */
@FunctionalInterface
public interface MoveListener {

    /**
     * @param kind the mover's kind
     * @param from its bin before
     * @param to   its bin after
     * @param gain the rise of its utility, which is also the rise of M·φ
     */
    void moved(int kind, int from, int to, double gain);
}
