package io.openloop.ledger.command.loop;

import io.openloop.ledger.messages.loop.BusinessIdentity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Validation of a business identity submission. Every failing field is reported at once. */
final class BusinessIdentityRules {

    static final int MAX_LEGAL_NAME_LENGTH = 200;
    static final int MAX_WEBSITE_LENGTH = 2048;
    static final int MAX_EMAIL_LENGTH = 254;
    static final int MAX_SERVICE_AREAS = 50;
    static final int MAX_SERVICE_AREA_LENGTH = 100;

    /** One '@', no spaces, and a dot in the domain: enough to catch typos, not a full RFC 5322 parser. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    private BusinessIdentityRules() {}

    /** Returns the identity with every text trimmed, or throws {@code VALIDATION_FAILED} naming the failing fields. */
    static BusinessIdentity validate(BusinessIdentity identity) {
        if (identity == null) {
            throw LoopErrors.invalidField(
                    "identity", "identity is missing; send legalName, website, contactEmail and serviceArea");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String legalName = text(identity.legalName(), "legalName", MAX_LEGAL_NAME_LENGTH, "Acme Dental LLC", errors);
        String website = website(identity.website(), errors);
        String contactEmail = email(identity.contactEmail(), errors);
        List<String> serviceArea = serviceArea(identity.serviceArea(), errors);
        if (!errors.isEmpty()) {
            throw LoopErrors.invalidFields(errors);
        }
        return new BusinessIdentity(legalName, website, contactEmail, serviceArea);
    }

    private static String text(String raw, String field, int maxLength, String example, Map<String, String> errors) {
        if (raw == null || raw.isBlank()) {
            errors.put(field, field + " is missing; send one such as \"" + example + "\"");
            return null;
        }
        String text = raw.strip();
        int length = text.codePointCount(0, text.length());
        if (length > maxLength) {
            errors.put(field, field + " has " + length + " characters; the maximum is " + maxLength);
        } else if (text.codePoints().anyMatch(Character::isISOControl)) {
            errors.put(field, field + " contains a control character; remove it");
        }
        return text;
    }

    private static String website(String raw, Map<String, String> errors) {
        String website = text(raw, "website", MAX_WEBSITE_LENGTH, "https://acme.example", errors);
        if (website == null || errors.containsKey("website")) {
            return website;
        }
        String problem = null;
        try {
            URI uri = new URI(website);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problem = "website must be an http or https URL such as \"https://acme.example\"";
            } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
                problem = "website has no host; send a URL such as \"https://acme.example\"";
            } else if (uri.getUserInfo() != null) {
                problem = "website contains user information before the host; send the plain site URL";
            }
        } catch (URISyntaxException e) {
            problem = "website is not a valid URL (" + e.getReason() + "); send one such as \"https://acme.example\"";
        }
        if (problem != null) {
            errors.put("website", problem);
        }
        return website;
    }

    private static String email(String raw, Map<String, String> errors) {
        String email = text(raw, "contactEmail", MAX_EMAIL_LENGTH, "ops@acme.example", errors);
        if (email != null
                && !errors.containsKey("contactEmail")
                && !EMAIL.matcher(email).matches()) {
            errors.put("contactEmail", "contactEmail is not an email address; send one such as \"ops@acme.example\"");
        }
        return email;
    }

    private static List<String> serviceArea(List<String> raw, Map<String, String> errors) {
        if (raw.isEmpty()) {
            errors.put("serviceArea", "serviceArea is empty; send at least one area such as \"US-CA\"");
            return raw;
        }
        if (raw.size() > MAX_SERVICE_AREAS) {
            errors.put(
                    "serviceArea", "serviceArea has " + raw.size() + " entries; the maximum is " + MAX_SERVICE_AREAS);
            return raw;
        }
        List<String> areas = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String field = "serviceArea[" + i + "]";
            String area = text(raw.get(i), field, MAX_SERVICE_AREA_LENGTH, "US-CA", errors);
            areas.add(area);
        }
        return areas;
    }
}
