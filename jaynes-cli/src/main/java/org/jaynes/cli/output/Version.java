package org.jaynes.cli.output;

/** The version every report records. */
public final class Version {

    private Version() {
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
