package org.jaynes.dynamics.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.GameParameters;
import org.junit.jupiter.api.Test;

class GameTest {

    private static final GameParameters PARAMS = new GameParameters(12, 2, BinConvention.LOG);
    private static final Game GAME = Game.of(Bins.defaultFor(BinConvention.LOG, List.of(PARAMS)), PARAMS);

    private static double spend(Game game) {
        double[] x = game.equilibrium().total();
        double mean = 0;
        for (int k = 0; k < x.length; k++) {
            mean += x[k] * game.bins().strength(k);
        }
        return mean;
    }

    @Property(tries = 50)
    void theBudgetIsSpentExactlyAndItsPriceHasTheRightSign(@ForAll @DoubleRange(min = 0.05, max = 5) double factor) {
        double free = spend(GAME);
        Game constrained = GAME.withBudget(free * factor);
        assertEquals(free * factor, spend(constrained), 1e-9 * free);
        double lambda = constrained.multiplier();
        assertTrue(factor < 1 ? lambda > 0 : factor > 1 ? lambda < 0 : true, "lambda " + lambda);
        double[] u = constrained.utilities()[0];
        double[] free0 = GAME.utilities()[0];
        for (int k = 0; k < u.length; k++) {
            assertEquals(free0[k] - lambda * GAME.bins().strength(k), u[k], 1e-9 * (1 + Math.abs(u[k])));
        }
    }

    @Test
    void anImpossibleBudgetIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GAME.withBudget(GAME.bins().minStrength()));
        assertThrows(IllegalArgumentException.class, () -> GAME.withBudget(GAME.bins().maxStrength() * 2));
        assertThrows(IllegalArgumentException.class, () -> GAME.withBudget(Double.NaN));
    }

    @Test
    void kindsAndConventionsAreChecked() {
        Bins bins = GAME.bins();
        GameParameters linear = new GameParameters(12, 2, BinConvention.LINEAR);
        assertThrows(IllegalArgumentException.class, () -> Game.of(bins, linear));
        assertThrows(IllegalArgumentException.class, () -> new Game(bins,
                List.of(new SubPopulation(PARAMS, 0.5), new SubPopulation(PARAMS, 0.6)), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Game(bins, List.of(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new SubPopulation(PARAMS, 0));
        assertEquals(1, GAME.kinds());
        assertEquals(0, GAME.multiplier());
    }

    @Test
    void utilitiesAreTheBenefitMinusTheCost() {
        double[] u = GAME.utilities()[0];
        for (int k = 0; k < u.length; k++) {
            double y = GAME.bins().lnStrength(k);
            assertEquals(12 * y - 2 * y * y, u[k], 1e-12);
        }
    }
}
