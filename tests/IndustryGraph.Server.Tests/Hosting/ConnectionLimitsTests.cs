using System.Net.Sockets;
using System.Text;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Storage.Contract;

namespace IndustryGraph.Server.Tests.Hosting;

/// <summary>Idle connections against the process's limit of open files: refused past the bound, never the end of the process.</summary>
public sealed class ConnectionLimitsTests : IDisposable
{
    private const int OpenFileLimit = 1024;
    private const int IdleConnections = 1_000;

    private readonly TestDirectory directory = new("connections");

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task A_thousand_idle_connections_under_ulimit_1024_are_bounded_and_the_server_lives()
    {
        await using var server = await ServerProcess.StartAsync(directory["graph.db"], OpenFileLimit);
        var bound = ConnectionLimits.BoundFor(OpenFileLimit);
        Assert.Contains($"at most {bound} connections at once (open-file limit {OpenFileLimit}", server.Output, StringComparison.Ordinal);

        var sockets = new List<Socket>();
        try
        {
            var answered = 0;
            for (var i = 0; i < IdleConnections; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                await socket.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
                if (await HealthOverAsync(socket))
                {
                    answered++;
                }
            }

            // Each kept connection answered once and stays open; the ones past the bound were closed at once.
            Assert.InRange(answered, 1, bound);
            Assert.False(server.Process.HasExited, $"the server ended:\n{server.Output}");

            foreach (var socket in sockets.Take(IdleConnections / 2))
            {
                socket.Dispose();
            }

            // The bound frees up as connections close: a new client is served again.
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            await WhenServedAsync(http);
            Assert.False(server.Process.HasExited, $"the server ended:\n{server.Output}");
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>Sends GET /health on a kept-alive connection: true when it answers 200, false when the server closes it.</summary>
    private static async Task<bool> HealthOverAsync(Socket socket)
    {
        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes("GET /health HTTP/1.1\r\nHost: test\r\n\r\n"));
            var buffer = new byte[4096];
            var read = await socket.ReceiveAsync(buffer);
            return read > 0 && Encoding.ASCII.GetString(buffer, 0, read).StartsWith("HTTP/1.1 200", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The server closes connections past the bound as the closed ones are counted down: a few tries, each an event (an answer or a refusal).</summary>
    private static async Task WhenServedAsync(HttpClient http)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
                return;
            }
            catch (HttpRequestException) when (attempt < 100)
            {
                await Task.Yield();
            }
        }
    }
}
