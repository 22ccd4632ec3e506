package org.jaynes.dynamics.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.GameParameters;
import org.junit.jupiter.api.Test;

class LognormalEquilibriumTest {

    @Property(tries = 200)
    void gameToLognormalAndBackIsTheIdentity(@ForAll @DoubleRange(min = -50, max = 50) double alpha,
            @ForAll @DoubleRange(min = 0.01, max = 100) double beta, @ForAll BinConvention convention) {
        LognormalEquilibrium forward = LognormalEquilibrium.of(new GameParameters(alpha, beta, convention));
        LognormalEquilibrium back = LognormalEquilibrium.ofLognormal(forward.mu(), forward.sigma(), convention);
        assertEquals(alpha, back.game().alpha(), 1e-9 * (1 + Math.abs(alpha)));
        assertEquals(beta, back.game().beta(), 1e-12 * beta);
        GameParameters inverse = convention == BinConvention.LOG ? forward.logInverse() : forward.linearInverse();
        assertEquals(alpha, inverse.alpha(), 1e-9 * (1 + Math.abs(alpha)));
        assertEquals(beta, inverse.beta(), 1e-12 * beta);
    }

    @Property(tries = 200)
    void lognormalToGameAndBackIsTheIdentity(@ForAll @DoubleRange(min = -20, max = 20) double mu,
            @ForAll @DoubleRange(min = 0.05, max = 5) double sigma, @ForAll BinConvention convention) {
        LognormalEquilibrium equilibrium = LognormalEquilibrium.ofLognormal(mu, sigma, convention);
        assertEquals(mu, equilibrium.mu(), 1e-12 * (1 + Math.abs(mu)));
        assertEquals(sigma, equilibrium.sigma(), 1e-14 * sigma);
        assertEquals(1 / (2 * sigma * sigma), equilibrium.logInverse().beta(), 1e-12 / (sigma * sigma));
        assertEquals(equilibrium.logInverse().alpha() - 1, equilibrium.linearInverse().alpha(), 1e-9);
        assertEquals(1 / (2 * equilibrium.game().beta()), Math.abs(equilibrium.otherConventionMu() - mu), 1e-9);
    }

    @Test
    void theDesignExample() {
        LognormalEquilibrium example = LognormalEquilibrium.of(new GameParameters(12, 0.4, BinConvention.LOG));
        assertEquals(15, example.mu(), 1e-12);
        assertEquals(Math.sqrt(1.25), example.sigma(), 1e-15);
        assertEquals(Math.exp(15), example.median(), 1e-6);
        assertEquals(Math.exp(15 + 0.625), example.mean(), 1e-3);
        assertEquals(Math.exp(15 - 1.25), example.mode(), 1e-6);
        assertEquals(15 + 1.25, example.otherConventionMu(), 1e-12);
    }

    /** ln Z against a midpoint sum of e^{u} over a wide fine grid (error far below 1e-9). */
    @Test
    void logPartitionMatchesTheIntegral() {
        for (BinConvention convention : BinConvention.values()) {
            GameParameters game = new GameParameters(3, 0.7, convention);
            double sum = 0;
            double h = 1e-4;
            for (double y = game.mu() - 15; y < game.mu() + 15; y += h) {
                double mid = y + h / 2;
                double jacobian = convention == BinConvention.LOG ? 1 : Math.exp(mid);
                sum += Math.exp(game.utility(mid)) * jacobian * h;
            }
            assertEquals(Math.log(sum), LognormalEquilibrium.of(game).logPartition(), 1e-7, convention.label());
        }
    }

    @Test
    void theGridAgreesWithTheContinuum() {
        for (BinConvention convention : BinConvention.values()) {
            GameParameters game = new GameParameters(12, 2, convention);
            TheoryResult theory = TheoryResult.of(game, Bins.defaultFor(convention, List.of(game)), 1_000_000);
            assertEquals(theory.continuumPotential(), theory.potential(), 1e-3, convention.label());
            assertEquals(game.mu(), theory.fit().mu(), 1e-3);
            assertEquals(game.sigma(), theory.fit().sigma(), 1e-3);
            assertEquals(game.mu(), theory.exactFit().mu(), 1e-2);
            assertEquals(theory.potential() - Math.log(1_000_000), theory.utility(), 1e-12);
            assertEquals(theory.potential(), theory.exactPotential(), 1e-3, "exact and large-M phi* agree");
        }
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LognormalEquilibrium.ofLognormal(1, 0, BinConvention.LOG));
        assertThrows(IllegalArgumentException.class, () -> LognormalEquilibrium.ofLognormal(Double.NaN, 1,
                BinConvention.LOG));
        assertThrows(IllegalArgumentException.class, () -> LognormalEquilibrium.of(new GameParameters(Double.NaN, 1,
                BinConvention.LOG)));
    }
}
