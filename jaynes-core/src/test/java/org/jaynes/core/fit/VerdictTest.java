package org.jaynes.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VerdictTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "120 | 120", "5.314 | 5.31", "-41.23 | −41.2", "8100 | 8.1e3", "8149 | 8.15e3", "999.4 | 999",
        "999.7 | 1e3", "0.001234 | 0.00123", "0.0001234 | 1.23e-4", "1e-300 | 1e-300", "2.5e-7 | 2.5e-7",
        "0 | 0", "1 | 1", "0.5 | 0.5", "-3.25e6 | −3.25e6", "NaN | NaN", "Infinity | ∞"})
    void threeSignificantDigits(double x, String expected) {
        assertEquals(expected, Verdict.number(x));
    }

    @Test
    void aRivalThatWins() {
        Map<Family, Fit> fits = fits(1000, 1200, 900, 950, 1100);
        Map<Family, Vuong> vuong = vuong(-41.234, 0);
        assertEquals("exponential fits better than lognormal (ΔAIC 100, Vuong z −41.2, p < 1e-300)",
                Verdict.of(fits, Optional.of(Family.EXPONENTIAL), vuong));
    }

    @Test
    void lognormalWinsAndNamesTheNext() {
        Map<Family, Fit> fits = fits(-90_000, -81_900, -80_000, -85_000, -70_000);
        Map<Family, Vuong> vuong = vuong(5.3149, 1.0664e-7);
        assertEquals("lognormal fits best (next: Weibull, ΔAIC 5e3, Vuong z 5.31, p = 1.07e-7)",
                Verdict.of(fits, Optional.of(Family.LOGNORMAL), vuong));
    }

    @Test
    void anInsignificantDifferenceIsSaidSo() {
        Map<Family, Fit> fits = fits(1000, 1200, 1300, 1001.2, 1100);
        Map<Family, Vuong> vuong = vuong(-0.41, 0.6818);
        assertEquals("Weibull fits about as well as lognormal (ΔAIC 1.2, Vuong z −0.41, p = 0.682)",
                Verdict.of(fits, Optional.of(Family.LOGNORMAL), vuong));
    }

    @ParameterizedTest
    @ValueSource(strings = {"de-DE", "ar-EG", "hi-IN", "tr-TR", "fr-CH"})
    void theSentenceIgnoresTheDefaultLocale(String tag) {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag(tag));
            aRivalThatWins();
            lognormalWinsAndNamesTheNext();
            assertEquals("1.23e-4", Verdict.number(1.234e-4));
        } finally {
            Locale.setDefault(saved);
        }
    }

    /** Fits with the given AICs for the five magnitude families, in {@link Family} order. */
    private static Map<Family, Fit> fits(double... aics) {
        Map<Family, Fit> fits = new EnumMap<>(Family.class);
        FittedLaw[] laws = {new LognormalLaw(0, 1), new HalfNormalLaw(1), new ExponentialLaw(1), new WeibullLaw(1, 1),
            new GammaLaw(1, 1)};
        for (int i = 0; i < laws.length; i++) {
            fits.put(laws[i].family(), new Fit(laws[i], -aics[i] / 2, aics[i], aics[i], 0.1, 0));
        }
        return fits;
    }

    /** The same test result against every rival. */
    private static Map<Family, Vuong> vuong(double z, double p) {
        Map<Family, Vuong> vuong = new EnumMap<>(Family.class);
        for (Family family : Family.magnitudeFamilies().subList(1, 5)) {
            vuong.put(family, new Vuong(z, p));
        }
        return vuong;
    }
}
