using GraphQL;
using GraphQL.Types;
using IndustryGraph.Domain.Access;
using IndustryGraph.Server.GraphQL;

namespace IndustryGraph.Server.Access;

public sealed class ApiRoleEnum : EnumerationGraphType<ApiRole>
{
    public ApiRoleEnum()
    {
        Name = "ApiRole";
        Description = "What a key may do: READER reads, EDITOR also writes data, ADMIN also reads the audit trail and manages keys.";
        this.DescribeValues(
            ("READER", "Reads, as anyone may without a key."),
            ("EDITOR", "Reads and writes data: entities, facts and relationships."),
            ("ADMIN", "An editor who also reads the audit trail and manages keys."));
    }
}

public sealed class ApiKeyType : ObjectGraphType<ApiKey>
{
    public ApiKeyType()
    {
        Name = "ApiKey";
        Description = "An API key as stored: its name and role (never the key itself).";
        Field(key => key.Name).Description("Who holds the key; changes made with it are recorded under this name.");
        Field<NonNullGraphType<ApiRoleEnum>>("role").Description("What the key may do.").Resolve(context => context.Source.Role);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Description("When the key was created.").Resolve(context => context.Source.CreatedAt);
    }
}

public sealed record CreatedApiKey(ApiKey Info, string Key);

public sealed class CreatedApiKeyType : ObjectGraphType<CreatedApiKey>
{
    public CreatedApiKeyType()
    {
        Name = "CreatedApiKey";
        Description = "A new key: shown this once, only its hash is stored.";
        Field<NonNullGraphType<ApiKeyType>>("apiKey").Description("The stored name and role.").Resolve(context => context.Source.Info);
        Field(created => created.Key).Description("The key to send as Authorization: Bearer <key>. It cannot be shown again.");
    }
}

/// <summary>Admins manage keys over GraphQL as the `keys` command does on the server's machine.</summary>
public sealed class KeyAdministration(IApiKeyStore keys) : IMutationFields, IQueryFields
{
    public void AddTo(MutationType mutation)
    {
        mutation.Field<NonNullGraphType<CreatedApiKeyType>>("createApiKey")
            .Description("Creates an API key (admin key only) and returns it once.")
            .Argument<NonNullGraphType<StringGraphType>>("name", "Who will hold the key.")
            .Argument<NonNullGraphType<ApiRoleEnum>>("role", "What it may do.")
            .ResolveAsync(async context =>
            {
                Callers.Require(context, ApiRole.Admin, "createApiKey");
                var name = context.GetArgument<string>("name").Trim().Normalize(System.Text.NormalizationForm.FormC);
                if (ApiKeyNames.ProblemIn(name) is { } problem)
                {
                    throw new ApiError(ErrorCodes.BadUserInput, $"createApiKey.name: {problem}");
                }

                var key = ApiKeySecrets.NewKey();
                var info = new ApiKey(name, context.GetArgument<ApiRole>("role"), DateTimeOffset.UtcNow);
                return await keys.AddKeyAsync(info, ApiKeySecrets.Hash(key), context.CancellationToken)
                    ? new CreatedApiKey(info, key)
                    : throw new ApiError(ErrorCodes.BadUserInput, $"createApiKey.name: a key named '{name}' exists already");
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("revokeApiKey")
            .Description("Revokes an API key (admin key only): requests with it get 401 from now on.")
            .Argument<NonNullGraphType<StringGraphType>>("name", "The key's name.")
            .ResolveAsync(async context =>
            {
                Callers.Require(context, ApiRole.Admin, "revokeApiKey");
                var name = context.GetArgument<string>("name");
                return await keys.RevokeKeyAsync(name, context.CancellationToken)
                    ? true
                    : throw new ApiError(ErrorCodes.NotFound, $"revokeApiKey.name: no key is named '{name}'");
            });
    }

    public void AddTo(QueryType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApiKeyType>>>>("apiKeys")
            .Description("The API keys: names and roles, never the keys (admin key only).")
            .ResolveAsync(async context =>
            {
                Callers.Require(context, ApiRole.Admin, "apiKeys");
                return (object?)await keys.ListKeysAsync(context.CancellationToken);
            });
}
