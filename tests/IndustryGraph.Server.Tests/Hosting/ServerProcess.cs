using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using IndustryGraph.Server.Seed;

namespace IndustryGraph.Server.Tests.Hosting;

/// <summary>
/// The server as its own process (the built executable, `serve` on a free loopback port), for what an in-process
/// host cannot show: a limit of open files set by the shell, an exit code, a signal. Stopped and killed on dispose.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process) => this.process = process;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    public Process Process => process;

    /// <summary>Everything the server printed so far, standard output and error together.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts `serve --db DB` with a shell's `ulimit -n` when <paramref name="openFileLimit"/> is set, and waits until it listens.</summary>
    public static async Task<ServerProcess> StartAsync(string dbPath, int? openFileLimit = null)
    {
        var server = Path.Combine(AppContext.BaseDirectory, "industrygraph.dll");
        var command = $"{(openFileLimit is { } limit ? $"ulimit -n {limit} && " : "")}exec dotnet '{server}' serve --urls http://127.0.0.1:0 --db '{dbPath}' --seed '{SeedFolder.Default}'";
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        var running = new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException("the server did not start"));
        running.process.OutputDataReceived += (_, line) => running.Receive(line.Data);
        running.process.ErrorDataReceived += (_, line) => running.Receive(line.Data);
        running.process.BeginOutputReadLine();
        running.process.BeginErrorReadLine();
        var exited = running.process.WaitForExitAsync();
        if (await Task.WhenAny(running.listening.Task, exited) == exited)
        {
            throw new InvalidOperationException($"the server ended with {running.process.ExitCode} before listening:\n{running.Output}");
        }

        running.BaseAddress = await running.listening.Task;
        return running;
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
