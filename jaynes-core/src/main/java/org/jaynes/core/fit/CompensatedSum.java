package org.jaynes.core.fit;

/**
 * A running sum with Neumaier's compensation: the error is a few ulps of the result, independent of the
 * number of terms (Neumaier 1974, doi:10.1002/zamm.19740540106). Not thread-safe.
 */
final class CompensatedSum {

    private double sum;
    private double compensation;

    void add(double term) {
        double t = sum + term;
        if (Math.abs(sum) >= Math.abs(term)) {
            compensation += (sum - t) + term;
        } else {
            compensation += (term - t) + sum;
        }
        sum = t;
    }

    double value() {
        return sum + compensation;
    }
}
