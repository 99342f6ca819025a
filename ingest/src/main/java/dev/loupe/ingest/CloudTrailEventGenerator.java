package dev.loupe.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Produces realistic, deterministic CloudTrail events as compact JSON strings, for demo data and benchmarks.
 *
 * <p>Most events are API Gateway management calls ({@code eventSource} {@code apigateway.amazonaws.com}:
 * {@code GetRestApis}, {@code CreateDeployment}, {@code UpdateStage}, ...), with {@code requestParameters}
 * naming a {@code restApiId} and {@code stageName}, {@code responseElements.name} on creates and updates (what the
 * Sumo Logic API Gateway app reads), IAM users and assumed roles from three accounts, public source IPs from a
 * fixed pool (a few of them on public threat lists) plus AWS-internal callers, and errors ({@code AccessDenied},
 * {@code NotFoundException}, {@code TooManyRequestsException}, {@code BadRequestException}) on about 7% of calls.
 * The rest are EC2, S3, IAM, STS and Lambda management events. Records have the key order and shape of real
 * CloudTrail files (event version 1.09).
 *
 * <p>The same seed, share and sequence of calls always give the same events. Not thread-safe: use one generator
 * per thread. Cheap: events are written with one reused Jackson {@link JsonGenerator} into a reused buffer.
 */
public final class CloudTrailEventGenerator {
    private static final String[] REGIONS = {"us-east-1", "us-east-1", "us-east-1", "us-west-2", "us-west-2",
        "eu-west-1", "eu-central-1", "ap-southeast-2"};
    private static final String[] ACCOUNTS = {"482917365021", "739105284613", "561839204757"};
    private static final String[] STAGES = {"prod", "prod", "staging", "dev", "v1"};
    private static final String[] API_NAMES = {"orders-api", "payments-api", "inventory-service", "auth-gateway",
        "customer-portal", "webhooks-ingest", "partner-api", "mobile-backend"};
    private static final String[] DOMAIN_NAMES = {"api.example.com", "partners.example.com", "mobile.example.net"};
    private static final String[] BASE_PATHS = {"orders", "payments", "v1", "(none)"};
    /* Office and CI addresses first (picked most often), then a long tail; the last four are on public threat lists. */
    private static final String[] SOURCE_IPS = {
        "81.2.69.142", "98.137.11.163", "34.228.12.77", "3.120.45.9", "52.95.110.1", "13.55.110.2",
        "151.101.1.69", "185.199.108.153", "89.160.20.112", "122.151.93.12", "200.147.67.142", "41.203.18.101",
        "103.21.244.8", "177.71.207.10", "24.48.0.1", "66.249.66.1", "91.198.174.192", "202.12.27.33",
        "45.154.244.193", "80.82.77.33", "193.47.62.69", "2.57.122.53"};
    private static final String[] AWS_CALLERS = {"apigateway.amazonaws.com", "AWS Internal",
        "cloudformation.amazonaws.com"};
    private static final String[] USER_AGENTS = {
        "aws-cli/2.15.30 Python/3.11.8 Linux/5.10.210-201.852.amzn2.x86_64 exe/x86_64.amzn.2 prompt/off",
        "console.amazonaws.com",
        "APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.40.0 "
                + "(+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go/1.51.1 (go1.21.8; linux; amd64)",
        "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.15.0-1057-aws md/arch#x86_64 lang/python#3.11.8 "
                + "md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69",
        "aws-sdk-java/2.25.16 Linux/5.10.213-201.855.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS "
                + "Java/17.0.10 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy",
        "aws-sdk-js/3.540.0 ua/2.0 os/darwin#23.4.0 lang/js md/nodejs#20.12.0 api/api-gateway#3.540.0"};
    private static final String[][] USERS = {
        {"IAMUser", "alice.nguyen"}, {"AssumedRole", "GitHubActionsDeployRole"}, {"IAMUser", "deploy-bot"},
        {"AssumedRole", "AWSReservedSSO_AdministratorAccess_0c2f4e8a1b3d5f7e"}, {"IAMUser", "bob.martin"},
        {"IAMUser", "ci-terraform"}, {"AssumedRole", "AWSReservedSSO_ReadOnlyAccess_9a8b7c6d5e4f3a2b"},
        {"IAMUser", "priya.shah"}};

    private static final Call[] API_GATEWAY_CALLS = {
        new Call("GetRestApis", 18, true), new Call("GetRestApi", 14, true), new Call("GetStages", 10, true),
        new Call("GetResources", 7, true), new Call("GetDeployments", 4, true),
        new Call("GetBasePathMappings", 3, true), new Call("CreateDeployment", 8, false),
        new Call("UpdateStage", 6, false), new Call("PutMethod", 4, false), new Call("PutIntegration", 4, false),
        new Call("CreateResource", 4, false), new Call("UpdateRestApi", 3, false),
        new Call("CreateRestApi", 2, false), new Call("DeleteRestApi", 1, false),
        new Call("CreateApiKey", 2, false), new Call("UpdateUsagePlan", 2, false),
        new Call("CreateBasePathMapping", 1, false)};
    private static final Call[] OTHER_CALLS = {
        new Call("ec2:DescribeInstances", 10, true), new Call("ec2:RunInstances", 2, false),
        new Call("s3:ListBuckets", 6, true), new Call("s3:GetBucketAcl", 4, true),
        new Call("iam:ListRoles", 4, true), new Call("iam:CreateUser", 1, false),
        new Call("iam:AttachUserPolicy", 1, false), new Call("sts:AssumeRole", 8, true),
        new Call("sts:GetCallerIdentity", 6, true), new Call("lambda:ListFunctions20150331", 4, true),
        new Call("lambda:UpdateFunctionCode20150331v2", 2, false)};
    private static final int API_GATEWAY_WEIGHT = totalWeight(API_GATEWAY_CALLS);
    private static final int OTHER_WEIGHT = totalWeight(OTHER_CALLS);

    private final SplittableRandom random;
    private final double apiGatewayShare;
    private final List<Api> apis;
    private final List<String> accountIds;
    private final Identity[] identities;
    private Event lastEvent;
    private final StringBuilder buffer = new StringBuilder(2048);
    private final JsonGenerator json;
    private final char[] timeCharacters = new char[20];
    /* What the event being written carries, for lastEvent. */
    private String errorCode;
    private String errorMessage;
    private String identityArn;
    private String responseName;

    /** One API call kind with its relative frequency; {@code name} is {@code service:Action} for other services. */
    private record Call(String name, int weight, boolean readOnly) {}

    /** A caller: an IAM user or an assumed role in one account. */
    private record Identity(String type, String accountId, String name, String principalId, String accessKeyId) {}

    /**
     * One REST API of a simulated fleet: API Gateway events about it name its account, region, id, name and stages.
     *
     * @param stages the stage names, at least one
     */
    public record Api(String accountId, String region, String name, String restApiId, List<String> stages) {
        public Api {
            java.util.Objects.requireNonNull(accountId, "accountId is null");
            java.util.Objects.requireNonNull(region, "region is null");
            java.util.Objects.requireNonNull(name, "name is null");
            java.util.Objects.requireNonNull(restApiId, "restApiId is null");
            stages = List.copyOf(stages);
            if (stages.isEmpty()) {
                throw new IllegalArgumentException("API " + name + " has no stage");
            }
        }
    }

    /**
     * What the last event written was about (a simulator's ground truth): every value the API Gateway app's queries
     * read from an event, as written.
     *
     * @param timeMillis {@code eventTime} (whole seconds)
     * @param accountId the caller's account ({@code userIdentity.accountId} and {@code recipientAccountId})
     * @param region {@code awsRegion}
     * @param apiName the API the event is about ({@code null} for other services' events)
     * @param responseName {@code responseElements.name}, or {@code null} when the event has none
     * @param errorCode the error code, or {@code null} for a success
     * @param errorMessage the error message, or {@code null} for a success
     * @param sourceIp {@code sourceIPAddress} (an address, or an AWS service name such as
     *     {@code apigateway.amazonaws.com} or {@code AWS Internal})
     * @param userAgent {@code userAgent}
     * @param identityType {@code userIdentity.type} ({@code IAMUser} or {@code AssumedRole})
     * @param userName {@code userIdentity.userName}, or {@code null} (assumed roles have none)
     * @param arn {@code userIdentity.arn}
     * @param requestId {@code requestID}
     */
    public record Event(long timeMillis, String eventSource, String eventName, String accountId, String region,
            String apiName, String responseName, String errorCode, String errorMessage, String sourceIp,
            String userAgent, String identityType, String userName, String arn, String requestId) {}

    /**
     * @param seed the same seed gives the same events
     * @param apiGatewayShare the fraction of events from API Gateway, in [0, 1]; the rest are other services' noise
     */
    public CloudTrailEventGenerator(long seed, double apiGatewayShare) {
        this(seed, apiGatewayShare, List.of());
    }

    /**
     * A generator whose events are about a given fleet: API Gateway events name one of {@code apis} (its account,
     * region, id, name and a stage), callers and other services' events belong to the fleet's accounts.
     *
     * @param apis the fleet; empty for the built-in three accounts and eight APIs
     */
    public CloudTrailEventGenerator(long seed, double apiGatewayShare, List<Api> apis) {
        this.apis = List.copyOf(apis);
        this.accountIds = this.apis.isEmpty() ? List.of(ACCOUNTS)
                : this.apis.stream().map(Api::accountId).distinct().toList();
        this.identities = identities(accountIds);
        if (!(apiGatewayShare >= 0 && apiGatewayShare <= 1)) {
            throw new IllegalArgumentException("apiGatewayShare must be within [0, 1]: " + apiGatewayShare);
        }
        this.random = new SplittableRandom(seed);
        this.apiGatewayShare = apiGatewayShare;
        try {
            this.json = new JsonFactory().createGenerator(new BufferWriter(buffer));
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        json.setRootValueSeparator(null);
    }

    /** What the event {@link #next} returned last was about; {@code null} before the first. */
    public Event lastEvent() {
        return lastEvent;
    }

    /** The next event, with {@code eventTime} at {@code eventTimeMillis} (second precision, as CloudTrail writes). */
    public String next(long eventTimeMillis) {
        buffer.setLength(0);
        try {
            writeEvent(eventTimeMillis);
            json.flush();
        } catch (IOException impossible) {
            // The target is an in-memory buffer; Jackson declares IOException regardless.
            throw new UncheckedIOException(impossible);
        }
        return buffer.toString();
    }

    /**
     * Produces {@code count} events with times spread evenly over {@code [fromMillis, toMillis)} with some jitter,
     * in ascending time order.
     */
    public void generate(int count, long fromMillis, long toMillis, Consumer<String> events) {
        if (count < 0 || toMillis < fromMillis) {
            throw new IllegalArgumentException("need count >= 0 and toMillis >= fromMillis: " + count + ", "
                    + fromMillis + ", " + toMillis);
        }
        double step = count == 0 ? 0 : (toMillis - fromMillis) / (double) count;
        long previous = fromMillis;
        for (int index = 0; index < count; index++) {
            long time = fromMillis + (long) (step * (index + random.nextDouble()));
            previous = Math.max(previous, Math.min(time, toMillis - 1));
            events.accept(next(previous));
        }
    }

    /** {@link #generate(int, long, long, Consumer)} into a list. */
    public List<String> generate(int count, long fromMillis, long toMillis) {
        String[] events = new String[count];
        int[] index = {0};
        generate(count, fromMillis, toMillis, event -> events[index[0]++] = event);
        return List.of(events);
    }

    private void writeEvent(long eventTimeMillis) throws IOException {
        boolean apiGateway = random.nextDouble() < apiGatewayShare;
        Call call = pick(apiGateway ? API_GATEWAY_CALLS : OTHER_CALLS, apiGateway ? API_GATEWAY_WEIGHT : OTHER_WEIGHT);
        Api api = apis.isEmpty() ? null : apis.get(random.nextInt(apis.size()));
        Identity identity = api == null ? identities[skewedIndex(identities.length)]
                : identities[accountIds.indexOf(api.accountId()) * USERS.length + skewedIndex(USERS.length)];
        String service = apiGateway ? "apigateway" : call.name().substring(0, call.name().indexOf(':'));
        String eventName = apiGateway ? call.name() : call.name().substring(service.length() + 1);
        String region = api != null ? api.region() : REGIONS[random.nextInt(REGIONS.length)];
        boolean awsCaller = apiGateway && random.nextInt(100) < 8;
        String sourceIp = awsCaller ? AWS_CALLERS[random.nextInt(AWS_CALLERS.length)]
                : SOURCE_IPS[skewedIndex(SOURCE_IPS.length)];
        String userAgent = awsCaller ? sourceIp : userAgent(identity);
        String restApiId = api != null ? api.restApiId()
                : restApiId(identity.accountId(), random.nextInt(API_NAMES.length));
        String apiName = api != null ? api.name() : API_NAMES[apiIndex(restApiId)];
        String stage = api != null ? api.stages().get(random.nextInt(api.stages().size()))
                : STAGES[random.nextInt(STAGES.length)];
        int errorRoll = random.nextInt(1000);
        errorCode = null;
        errorMessage = null;
        responseName = null;

        json.writeStartObject();
        json.writeStringField("eventVersion", "1.09");
        writeIdentity(identity, awsCaller ? sourceIp : null, eventTimeMillis);
        json.writeFieldName("eventTime");
        json.writeString(timeCharacters, 0, formatTime(eventTimeMillis));
        json.writeStringField("eventSource", service + ".amazonaws.com");
        json.writeStringField("eventName", eventName);
        json.writeStringField("awsRegion", region);
        json.writeStringField("sourceIPAddress", sourceIp);
        json.writeStringField("userAgent", userAgent);
        boolean failed = apiGateway ? writeApiGatewayError(errorRoll, identity, eventName, region, restApiId, stage)
                : writeOtherError(errorRoll, identity, service, eventName);
        json.writeFieldName("requestParameters");
        if (apiGateway) {
            writeApiGatewayRequest(eventName, restApiId, apiName, stage);
        } else {
            writeOtherRequest(eventName, identity);
        }
        json.writeFieldName("responseElements");
        if (failed || call.readOnly()) {
            json.writeNull();
        } else if (apiGateway) {
            writeApiGatewayResponse(eventName, restApiId, apiName, stage, eventTimeMillis);
        } else {
            writeOtherResponse(eventName, identity);
        }
        String requestId = uuid();
        lastEvent = new Event(eventTimeMillis - Math.floorMod(eventTimeMillis, 1000L), service + ".amazonaws.com", eventName, identity.accountId(), region,
                apiGateway ? apiName : null, responseName, errorCode, errorMessage, sourceIp, userAgent,
                identity.type(), identity.type().equals("IAMUser") ? identity.name() : null, identityArn, requestId);
        json.writeStringField("requestID", requestId);
        json.writeStringField("eventID", uuid());
        json.writeBooleanField("readOnly", call.readOnly());
        json.writeStringField("eventType", "AwsApiCall");
        json.writeBooleanField("managementEvent", true);
        json.writeStringField("recipientAccountId", identity.accountId());
        json.writeStringField("eventCategory", "Management");
        if (!awsCaller) {
            json.writeObjectFieldStart("tlsDetails");
            json.writeStringField("tlsVersion", "TLSv1.3");
            json.writeStringField("cipherSuite", "TLS_AES_128_GCM_SHA256");
            json.writeStringField("clientProvidedHostHeader", service + "." + region + ".amazonaws.com");
            json.writeEndObject();
        }
        if (userAgent.equals("console.amazonaws.com")) {
            json.writeStringField("sessionCredentialFromConsole", "true");
        }
        json.writeEndObject();
    }

    private void writeIdentity(Identity identity, String invokedBy, long eventTimeMillis) throws IOException {
        json.writeObjectFieldStart("userIdentity");
        json.writeStringField("type", identity.type());
        if (identity.type().equals("IAMUser")) {
            json.writeStringField("principalId", identity.principalId());
            identityArn = "arn:aws:iam::" + identity.accountId() + ":user/" + identity.name();
            json.writeStringField("arn", identityArn);
            json.writeStringField("accountId", identity.accountId());
            json.writeStringField("accessKeyId", identity.accessKeyId());
            json.writeStringField("userName", identity.name());
        } else {
            String session = identity.name().equals("GitHubActionsDeployRole") ? "GitHubActions-" + (1000 + random.nextInt(9000))
                    : "maria.garcia@example.com";
            json.writeStringField("principalId", identity.principalId() + ":" + session);
            identityArn = "arn:aws:sts::" + identity.accountId() + ":assumed-role/" + identity.name() + "/" + session;
            json.writeStringField("arn", identityArn);
            json.writeStringField("accountId", identity.accountId());
            json.writeStringField("accessKeyId", "ASIA" + randomKey(16));
            json.writeObjectFieldStart("sessionContext");
            json.writeObjectFieldStart("sessionIssuer");
            json.writeStringField("type", "Role");
            json.writeStringField("principalId", identity.principalId());
            json.writeStringField("arn", "arn:aws:iam::" + identity.accountId() + ":role/" + identity.name());
            json.writeStringField("accountId", identity.accountId());
            json.writeStringField("userName", identity.name());
            json.writeEndObject();
            json.writeObjectFieldStart("webIdFederationData");
            json.writeEndObject();
            json.writeObjectFieldStart("attributes");
            json.writeFieldName("creationDate");
            json.writeString(timeCharacters, 0, formatTime(eventTimeMillis - 60_000L * (1 + random.nextInt(50))));
            json.writeStringField("mfaAuthenticated", "false");
            json.writeEndObject();
            json.writeEndObject();
            if (invokedBy != null) {
                json.writeStringField("invokedBy", invokedBy);
            }
        }
        json.writeEndObject();
    }

    /** Writes errorCode/errorMessage for about 7% of API Gateway calls; returns whether it did. */
    private boolean writeApiGatewayError(int roll, Identity identity, String eventName, String region, String restApiId,
            String stage) throws IOException {
        if (roll < 25) {
            writeErrorCode("AccessDenied");
            writeErrorMessage("User: " + arn(identity) + " is not authorized to perform: apigateway:"
                    + httpVerb(eventName) + " on resource: arn:aws:apigateway:" + region + "::/restapis/" + restApiId);
        } else if (roll < 45) {
            writeErrorCode("NotFoundException");
            writeErrorMessage(eventName.contains("Stage") ? "Invalid stage identifier specified"
                    : "Invalid API identifier specified " + identity.accountId() + ":" + restApiId);
        } else if (roll < 58) {
            writeErrorCode("TooManyRequestsException");
            writeErrorMessage("Too Many Requests");
        } else if (roll < 70) {
            writeErrorCode("BadRequestException");
            writeErrorMessage(eventName.equals("UpdateStage")
                    ? "Invalid patch path '/deploymentId' specified for op 'add'. Must be one of: [replace] ("
                            + stage + ")"
                    : "Invalid Method identifier specified");
        } else {
            return false;
        }
        return true;
    }

    private boolean writeOtherError(int roll, Identity identity, String service, String eventName) throws IOException {
        if (roll >= 30) {
            return false;
        }
        writeErrorCode(service.equals("ec2") ? "Client.UnauthorizedOperation" : "AccessDenied");
        writeErrorMessage("User: " + arn(identity) + " is not authorized to perform: " + service + ":"
                + actionOf(eventName) + " because no identity-based policy allows the action");
        return true;
    }

    private void writeApiGatewayRequest(String eventName, String restApiId, String apiName, String stage)
            throws IOException {
        json.writeStartObject();
        switch (eventName) {
            case "GetRestApis" -> json.writeNumberField("limit", 500);
            case "CreateRestApi" -> {
                json.writeObjectFieldStart("createRestApiInput");
                json.writeStringField("name", apiName);
                json.writeStringField("description", "Managed by Terraform");
                json.writeObjectFieldStart("endpointConfiguration");
                json.writeArrayFieldStart("types");
                json.writeString("REGIONAL");
                json.writeEndArray();
                json.writeEndObject();
                json.writeEndObject();
            }
            case "CreateDeployment" -> {
                json.writeStringField("restApiId", restApiId);
                json.writeObjectFieldStart("createDeploymentInput");
                json.writeStringField("stageName", stage);
                json.writeEndObject();
            }
            case "UpdateStage" -> {
                json.writeStringField("restApiId", restApiId);
                json.writeStringField("stageName", stage);
                writePatch("/*/*/logging/loglevel", random.nextBoolean() ? "INFO" : "ERROR");
            }
            case "UpdateRestApi" -> {
                json.writeStringField("restApiId", restApiId);
                writePatch("/description", "Release " + (100 + random.nextInt(900)));
            }
            case "UpdateUsagePlan" -> {
                json.writeStringField("usagePlanId", randomId(6));
                writePatch("/throttle/rateLimit", Integer.toString(100 * (1 + random.nextInt(20))));
            }
            case "CreateApiKey" -> {
                json.writeObjectFieldStart("createApiKeyInput");
                json.writeStringField("name", apiName + "-partner-" + random.nextInt(50));
                json.writeBooleanField("enabled", true);
                json.writeEndObject();
            }
            case "GetBasePathMappings", "CreateBasePathMapping" -> {
                json.writeStringField("domainName", DOMAIN_NAMES[random.nextInt(DOMAIN_NAMES.length)]);
                if (eventName.startsWith("Create")) {
                    json.writeStringField("basePath", BASE_PATHS[random.nextInt(BASE_PATHS.length)]);
                    json.writeStringField("restApiId", restApiId);
                    json.writeStringField("stage", stage);
                }
            }
            case "PutMethod", "PutIntegration" -> {
                json.writeStringField("restApiId", restApiId);
                json.writeStringField("resourceId", randomId(6));
                json.writeStringField("httpMethod", random.nextBoolean() ? "GET" : "POST");
            }
            case "CreateResource" -> {
                json.writeStringField("restApiId", restApiId);
                json.writeStringField("parentId", randomId(10));
                json.writeStringField("pathPart", random.nextBoolean() ? "{id}" : "items");
            }
            default -> {
                json.writeStringField("restApiId", restApiId);
                if (eventName.equals("GetStages") || eventName.equals("GetDeployments")) {
                    json.writeStringField("stageName", stage);
                }
            }
        }
        json.writeEndObject();
    }

    private void writeErrorCode(String code) throws IOException {
        errorCode = code;
        json.writeStringField("errorCode", code);
    }

    private void writeErrorMessage(String message) throws IOException {
        errorMessage = message;
        json.writeStringField("errorMessage", message);
    }

    private void writePatch(String path, String value) throws IOException {
        json.writeArrayFieldStart("patchOperations");
        json.writeStartObject();
        json.writeStringField("op", "replace");
        json.writeStringField("path", path);
        json.writeStringField("value", value);
        json.writeEndObject();
        json.writeEndArray();
    }

    private void writeApiGatewayResponse(String eventName, String restApiId, String apiName, String stage,
            long eventTimeMillis) throws IOException {
        json.writeStartObject();
        switch (eventName) {
            case "CreateRestApi", "UpdateRestApi" -> {
                json.writeStringField("id", restApiId);
                responseName = apiName;
                json.writeStringField("name", responseName);
                json.writeStringField("apiKeySource", "HEADER");
                json.writeFieldName("createdDate");
                json.writeString(timeCharacters, 0, formatTime(eventTimeMillis));
            }
            case "CreateApiKey" -> {
                json.writeStringField("id", randomId(10));
                responseName = apiName + "-partner-key";
                json.writeStringField("name", responseName);
                json.writeBooleanField("enabled", true);
            }
            case "UpdateUsagePlan" -> {
                json.writeStringField("id", randomId(6));
                responseName = apiName + "-usage-plan";
                json.writeStringField("name", responseName);
                json.writeArrayFieldStart("apiStages");
                json.writeStartObject();
                json.writeStringField("apiId", restApiId);
                json.writeStringField("stage", stage);
                json.writeEndObject();
                json.writeEndArray();
            }
            case "CreateDeployment" -> json.writeStringField("id", randomId(6));
            case "CreateResource" -> json.writeStringField("id", randomId(6));
            default -> json.writeStringField("self", "arn:aws:apigateway:::/restapis/" + restApiId);
        }
        json.writeEndObject();
    }

    private void writeOtherRequest(String eventName, Identity identity) throws IOException {
        json.writeStartObject();
        switch (eventName) {
            case "DescribeInstances" -> {
                json.writeObjectFieldStart("instancesSet");
                json.writeEndObject();
                json.writeObjectFieldStart("filterSet");
                json.writeEndObject();
            }
            case "RunInstances" -> {
                json.writeStringField("instanceType", random.nextBoolean() ? "t3.micro" : "m5.large");
                json.writeStringField("imageId", "ami-0" + randomHex(16));
            }
            case "GetBucketAcl" -> {
                json.writeStringField("bucketName", "loupe-demo-logs-" + identity.accountId());
                json.writeStringField("Host", "loupe-demo-logs-" + identity.accountId() + ".s3.amazonaws.com");
                json.writeStringField("acl", "");
            }
            case "ListBuckets" -> json.writeStringField("Host", "s3.amazonaws.com");
            case "CreateUser", "AttachUserPolicy" -> {
                json.writeStringField("userName", "svc-" + randomId(5));
                if (eventName.equals("AttachUserPolicy")) {
                    json.writeStringField("policyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess");
                }
            }
            case "AssumeRole" -> {
                json.writeStringField("roleArn", "arn:aws:iam::" + identity.accountId() + ":role/GitHubActionsDeployRole");
                json.writeStringField("roleSessionName", "GitHubActions-" + (1000 + random.nextInt(9000)));
                json.writeNumberField("durationSeconds", 3600);
            }
            case "UpdateFunctionCode20150331v2" -> {
                json.writeStringField("functionName", "orders-handler");
                json.writeBooleanField("publish", true);
            }
            default -> json.writeNumberField("maxItems", 100);
        }
        json.writeEndObject();
    }

    private void writeOtherResponse(String eventName, Identity identity) throws IOException {
        json.writeStartObject();
        switch (eventName) {
            case "RunInstances" -> json.writeStringField("reservationId", "r-0" + randomHex(16));
            case "CreateUser" -> json.writeStringField("user", "arn:aws:iam::" + identity.accountId() + ":user/svc");
            case "UpdateFunctionCode20150331v2" -> json.writeStringField("functionArn",
                    "arn:aws:lambda:us-east-1:" + identity.accountId() + ":function:orders-handler");
            default -> json.writeBooleanField("success", true);
        }
        json.writeEndObject();
    }

    /* People use the console, the CLI and scripts; automation (bots, CI roles) uses Terraform and the SDKs. */
    private String userAgent(Identity identity) {
        boolean automation = identity.name().contains("bot") || identity.name().contains("terraform")
                || identity.name().startsWith("GitHubActions");
        return automation ? USER_AGENTS[2 + random.nextInt(USER_AGENTS.length - 2)] : USER_AGENTS[random.nextInt(4)];
    }

    private Call pick(Call[] calls, int totalWeight) {
        int roll = random.nextInt(totalWeight);
        for (Call call : calls) {
            roll -= call.weight();
            if (roll < 0) {
                return call;
            }
        }
        throw new AssertionError("weights out of sync");
    }

    /* Earlier entries are picked more often (the minimum of two uniform draws), like a few busy users and IPs. */
    private int skewedIndex(int length) {
        return Math.min(random.nextInt(length), random.nextInt(length));
    }

    private String uuid() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(most, least).toString();
    }

    private String randomKey(int length) {
        char[] characters = new char[length];
        for (int index = 0; index < length; index++) {
            int value = random.nextInt(36);
            characters[index] = (char) (value < 10 ? '0' + value : 'A' + value - 10);
        }
        return new String(characters);
    }

    private String randomId(int length) {
        char[] characters = new char[length];
        for (int index = 0; index < length; index++) {
            int value = random.nextInt(36);
            characters[index] = (char) (value < 10 ? '0' + value : 'a' + value - 10);
        }
        return new String(characters);
    }

    private String randomHex(int length) {
        char[] characters = new char[length];
        for (int index = 0; index < length; index++) {
            characters[index] = Character.forDigit(random.nextInt(16), 16);
        }
        return new String(characters);
    }

    /* Stable per account and API: a ten-character id like API Gateway's, derived so that names and ids pair up. */
    private static String restApiId(String accountId, int apiIndex) {
        long mixed = (Long.parseLong(accountId) * 31 + apiIndex) * 0x9E37_79B9_7F4A_7C15L;
        char[] characters = new char[10];
        for (int index = 0; index < 9; index++) {
            int value = (int) Long.remainderUnsigned(mixed >>> (index * 6), 36);
            characters[index] = (char) (value < 10 ? '0' + value : 'a' + value - 10);
        }
        characters[9] = (char) ('0' + apiIndex);
        return new String(characters);
    }

    private static int apiIndex(String restApiId) {
        return restApiId.charAt(9) - '0';
    }

    private static String arn(Identity identity) {
        return identity.type().equals("IAMUser") ? "arn:aws:iam::" + identity.accountId() + ":user/" + identity.name()
                : "arn:aws:sts::" + identity.accountId() + ":assumed-role/" + identity.name();
    }

    /* Lambda event names carry an API version suffix (ListFunctions20150331); IAM actions do not. */
    private static String actionOf(String eventName) {
        int version = eventName.indexOf("2015");
        return version < 0 ? eventName : eventName.substring(0, version);
    }

    private static String httpVerb(String eventName) {
        if (eventName.startsWith("Get")) {
            return "GET";
        }
        if (eventName.startsWith("Delete")) {
            return "DELETE";
        }
        return eventName.startsWith("Update") ? "PATCH" : eventName.startsWith("Put") ? "PUT" : "POST";
    }

    /** Writes {@code yyyy-MM-ddTHH:mm:ssZ} into {@link #timeCharacters}; returns the length (20). */
    private int formatTime(long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000L);
        long epochDay = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        /* Howard Hinnant's civil_from_days. */
        long shifted = epochDay + 719_468L;
        long era = Math.floorDiv(shifted, 146_097L);
        int dayOfEra = (int) (shifted - era * 146_097L);
        int yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int monthIndex = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
        int month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        writeDigits((int) year, 0, 4);
        timeCharacters[4] = '-';
        writeDigits(month, 5, 2);
        timeCharacters[7] = '-';
        writeDigits(day, 8, 2);
        timeCharacters[10] = 'T';
        writeDigits(secondOfDay / 3600, 11, 2);
        timeCharacters[13] = ':';
        writeDigits(secondOfDay / 60 % 60, 14, 2);
        timeCharacters[16] = ':';
        writeDigits(secondOfDay % 60, 17, 2);
        timeCharacters[19] = 'Z';
        return 20;
    }

    private void writeDigits(int value, int offset, int count) {
        int remaining = value;
        for (int index = offset + count - 1; index >= offset; index--) {
            timeCharacters[index] = (char) ('0' + remaining % 10);
            remaining /= 10;
        }
    }

    private static Identity[] identities(List<String> accounts) {
        Identity[] identities = new Identity[USERS.length * accounts.size()];
        SplittableRandom keys = new SplittableRandom(0x10_0E);
        int index = 0;
        for (String account : accounts) {
            for (String[] user : USERS) {
                boolean iamUser = user[0].equals("IAMUser");
                identities[index++] = new Identity(user[0], account, user[1],
                        (iamUser ? "AIDA" : "AROA") + fixedKey(keys, 17), iamUser ? "AKIA" + fixedKey(keys, 16) : "");
            }
        }
        return identities;
    }

    private static String fixedKey(SplittableRandom keys, int length) {
        char[] characters = new char[length];
        for (int index = 0; index < length; index++) {
            int value = keys.nextInt(36);
            characters[index] = (char) (value < 10 ? '0' + value : 'A' + value - 10);
        }
        return new String(characters);
    }

    private static int totalWeight(Call[] calls) {
        int total = 0;
        for (Call call : calls) {
            total += call.weight();
        }
        return total;
    }

    /** A {@link Writer} appending to a reused {@link StringBuilder}, so each event costs one final String copy. */
    private static final class BufferWriter extends Writer {
        private final StringBuilder target;

        BufferWriter(StringBuilder target) {
            this.target = target;
        }

        @Override
        public void write(char[] characters, int offset, int length) {
            target.append(characters, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) {
            target.append(text, offset, offset + length);
        }

        @Override
        public void flush() {
            // Nothing is buffered here; the StringBuilder is the destination.
        }

        @Override
        public void close() {
            // Nothing to release.
        }
    }
}
