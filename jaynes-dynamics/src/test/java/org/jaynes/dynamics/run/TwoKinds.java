package org.jaynes.dynamics.run;

import java.util.List;
import java.util.Optional;
import org.jaynes.core.theory.GameParameters;
import org.jaynes.dynamics.game.Bins;
import org.jaynes.dynamics.game.Game;
import org.jaynes.dynamics.game.SubPopulation;

/** Test games with two kinds of agents. */
final class TwoKinds {

    private TwoKinds() {
    }

    /** Half the agents with {@code params}, half with the same β and {@code secondAlpha}. */
    static Game game(Bins bins, GameParameters params, double secondAlpha, double secondShare) {
        GameParameters second = new GameParameters(secondAlpha, params.beta(), params.convention());
        return new Game(bins, List.of(new SubPopulation(params, 1 - secondShare),
                new SubPopulation(second, secondShare)), Optional.empty());
    }

    static double[][] utilities(Bins bins, GameParameters params, double secondAlpha) {
        return game(bins, params, secondAlpha, 0.5).utilities();
    }
}
