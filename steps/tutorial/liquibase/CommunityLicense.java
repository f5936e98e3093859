package tutorial.liquibase;

import java.util.Date;

import liquibase.license.LicenseInfo;
import liquibase.license.LicenseInstallResult;
import liquibase.license.LicenseService;
import liquibase.license.Location;

/**
 * What the real Liquibase CLI asks about its licence, answered for liquibase-core alone.
 *
 * The CLI looks up a LicenseService (Liquibase Pro ships one) and, finding none, prints on every
 * command "WARNING: License service not loaded ... Please consider re-installing Liquibase",
 * which a learner reads as a broken install. This tutorial uses liquibase-core 4.33.0, Apache-2.0,
 * on purpose: this service says so instead, and holds no Pro licence (every Pro check stays
 * false, exactly as with no service at all). Registered by steps/tools/liquibase.java.
 */
public final class CommunityLicense implements LicenseService {

    public static final String INFO = "Liquibase Community (liquibase-core, Apache-2.0): no Pro licence needed for this tutorial.";

    @Override
    public int getPriority() {
        return PRIORITY_DEFAULT;
    }

    @Override
    public boolean licenseIsInstalled() {
        return false;
    }

    @Override
    public boolean licenseIsValid(String subject) {
        return false;
    }

    @Override
    public String getLicenseInfo() {
        return INFO;
    }

    @Override
    public LicenseInfo getLicenseInfoObject() {
        return null;
    }

    @Override
    public LicenseInstallResult installLicense(Location... locations) {
        return new LicenseInstallResult(1, "This tutorial runs Liquibase Community, which takes no licence key.");
    }

    @Override
    public void disable() {
        // Nothing is enabled.
    }

    @Override
    public boolean licenseIsAboutToExpire() {
        return false;
    }

    @Override
    public int daysTilExpiration() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Date getExpirationDate() {
        return null;
    }
}
