package dev.loupe.ingest.extraction;

import static java.util.Objects.requireNonNull;

/**
 * A field extraction rule as users write it (Sumo's FER): a name, a scope and a parse expression.
 *
 * @param name unique among the rules, not blank
 * @param scope the messages it applies to, in query scope syntax ({@code account=* eventsource
 *     "apigateway.amazonaws.com"}); blank means every message
 * @param parseExpression the row-local steps ({@code | json ... | where ... | ... as f | fields a, b}); the
 *     fields it keeps (all it extracts, or those a final {@code fields} lists) become the message's custom fields
 */
public record FieldExtractionRule(String name, String scope, String parseExpression) {
    public FieldExtractionRule {
        requireNonNull(name, "name is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(parseExpression, "parseExpression is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a field extraction rule needs a name");
        }
    }

    /**
     * A rule shipped with Loupe's apps, by name (what an app definition names in its catalog entry); empty when
     * no shipped rule has that name.
     */
    public static java.util.Optional<FieldExtractionRule> shipped(String name) {
        FieldExtractionRule apiGateway = apiGatewayCloudTrail();
        return apiGateway.name().equals(name) ? java.util.Optional.of(apiGateway) : java.util.Optional.empty();
    }

    /**
     * The rule the Sumo Logic AWS API Gateway app installs ({@code AwsObservabilityApiGatewayCloudTrailLogsFER}):
     * on CloudTrail events from API Gateway it extracts {@code region}, {@code namespace} ({@code aws/apigateway}),
     * {@code apiname} (lower-cased {@code responseElements.name}) and {@code accountid}.
     */
    public static FieldExtractionRule apiGatewayCloudTrail() {
        return new FieldExtractionRule("AwsObservabilityApiGatewayCloudTrailLogsFER",
                "account=* eventname eventsource \"apigateway.amazonaws.com\"",
                """
                | json "eventSource", "awsRegion", "responseElements", "recipientAccountId" as eventSource, region, \
                responseElements, accountid nodrop
                | where eventSource = "apigateway.amazonaws.com"
                | "aws/apigateway" as namespace
                | json field=responseElements "name" as ApiName nodrop
                | tolowercase(ApiName) as apiname
                | fields region, namespace, apiname, accountid""");
    }
}
