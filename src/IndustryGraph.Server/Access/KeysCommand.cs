using System.CommandLine;
using IndustryGraph.Domain.Access;
using IndustryGraph.Server.Cli;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Seed;

namespace IndustryGraph.Server.Access;

/// <summary><c>keys create --role R --name N</c>, <c>keys revoke N</c>, <c>keys list</c>.</summary>
public static class KeysCommand
{
    public static Command Build()
    {
        var role = new Option<string>("--role") { Description = "reader, editor (writes data) or admin (also reads the audit trail).", DefaultValueFactory = _ => "editor" };
        role.AcceptOnlyFromAmong("reader", "editor", "admin");
        var name = new Option<string>("--name") { Description = "Who holds the key; the audit trail records changes under this name.", Required = true };
        var createStore = new StoreOptions();
        var create = new Command("create", "Create an API key and print it once: only its hash is stored.") { role, name };
        createStore.AddTo(create);
        create.SetAction((parse, cancellationToken) => CommandLine.WithStoreAsync(createStore.Read(parse), async services =>
        {
            // Like serve: a new store starts with the seed, so keys created first do not leave it empty.
            var graph = await StoreSelection.OpenWithSeedAsync(services, createStore.Read(parse), SeedFolder.Default, cancellationToken);
            var store = services.GetRequiredService<IApiKeyStore>();
            var keyName = parse.GetValue(name)!.Trim().Normalize(System.Text.NormalizationForm.FormC);
            var key = ApiKeySecrets.NewKey();
            var apiRole = Enum.Parse<ApiRole>(parse.GetValue(role)!, ignoreCase: true);
            if (ApiKeyNames.ProblemIn(keyName) is { } problem)
            {
                await Console.Error.WriteLineAsync($"--name {problem}");
                return 1;
            }

            if (!await store.AddKeyAsync(new ApiKey(keyName, apiRole, DateTimeOffset.UtcNow), ApiKeySecrets.Hash(key), cancellationToken))
            {
                await Console.Error.WriteLineAsync($"a key named '{keyName}' exists already: revoke it first or pick another name");
                return 1;
            }

            Console.Error.WriteLine($"Created {apiRole.ToString().ToLowerInvariant()} key '{keyName}' in {graph.Location}. It is shown only now; send it as Authorization: Bearer <key>.");
            Console.WriteLine(key);
            return 0;
        }));

        var revokeName = new Argument<string>("name") { Description = "The name of the key to revoke." };
        var revokeStore = new StoreOptions();
        var revoke = new Command("revoke", "Revoke (delete) an API key: requests with it get 401 from now on.") { revokeName };
        revokeStore.AddTo(revoke);
        revoke.SetAction((parse, cancellationToken) => CommandLine.WithStoreAsync(revokeStore.Read(parse), async services =>
        {
            var store = services.GetRequiredService<IApiKeyStore>();
            if (!await store.RevokeKeyAsync(parse.GetValue(revokeName)!, cancellationToken))
            {
                await Console.Error.WriteLineAsync($"no key is named '{parse.GetValue(revokeName)}'");
                return 1;
            }

            Console.WriteLine($"Revoked key '{parse.GetValue(revokeName)}'.");
            return 0;
        }));

        var listStore = new StoreOptions();
        var list = new Command("list", "List API keys: name, role and when created (never the keys).");
        listStore.AddTo(list);
        list.SetAction((parse, cancellationToken) => CommandLine.WithStoreAsync(listStore.Read(parse), async services =>
        {
            var store = services.GetRequiredService<IApiKeyStore>();
            foreach (var key in await store.ListKeysAsync(cancellationToken))
            {
                Console.WriteLine($"{key.Name}\t{key.Role.ToString().ToLowerInvariant()}\t{key.CreatedAt:yyyy-MM-dd HH:mm:ss}Z");
            }

            return 0;
        }));

        return new Command("keys", "Manage API keys (roles reader, editor, admin) for GraphQL writes and the audit trail.") { create, revoke, list };
    }
}
