using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace IndustryGraph.Server.Hosting;

/// <summary>
/// How many connections the server keeps open at once, and how slowly a client may read an answer. The bound sits
/// below the process's limit of open files: every connection holds one descriptor, and a process that runs out of
/// them aborts (the runtime cannot open what it needs), so past the bound a new connection is closed at once instead.
/// </summary>
public static class ConnectionLimits
{
    /// <summary>
    /// Descriptors kept for everything but client connections: the store's files and its read connections, the
    /// runtime, logs, the bundle files. At least this many, or a quarter of the limit when that is more.
    /// </summary>
    public const int ReservedDescriptors = 384;

    /// <summary>
    /// The slowest a client may read an answer: below this many bytes a second (after <see cref="ResponseGrace"/>)
    /// the connection is dropped, so an 8 MB answer (the largest allowed) takes at most about 17 minutes to a
    /// client at the floor, not hours.
    /// </summary>
    public const int MinResponseBytesPerSecond = 8 * 1024;

    public static readonly TimeSpan ResponseGrace = TimeSpan.FromSeconds(5);

    /// <summary>The process's open-file limit as the kernel reports it (/proc/self/limits), or null where it cannot be read.</summary>
    public static long? OpenFileLimit(string limitsFile = "/proc/self/limits")
    {
        try
        {
            foreach (var line in File.ReadLines(limitsFile))
            {
                if (!line.StartsWith("Max open files", StringComparison.Ordinal))
                {
                    continue;
                }

                var soft = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? limit : null;
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return null;
    }

    /// <summary>The connection bound for an open-file limit: the limit less the reserve, never under 16.</summary>
    public static long BoundFor(long openFileLimit) =>
        Math.Max(16, openFileLimit - Math.Max(ReservedDescriptors, openFileLimit / 4));

    /// <summary>Sets Kestrel's connection bound (plain and upgraded) from the open-file limit and the minimum response rate; returns what it set, for the start-up log.</summary>
    public static string Apply(KestrelServerOptions kestrel, long? openFileLimit)
    {
        kestrel.Limits.MinResponseDataRate = new MinDataRate(MinResponseBytesPerSecond, ResponseGrace);
        var rate = $"answers read slower than {MinResponseBytesPerSecond} bytes/s (after {ResponseGrace.TotalSeconds:0} s) are dropped";
        if (openFileLimit is not { } limit)
        {
            return $"open-file limit unknown: connections unbounded; {rate}";
        }

        var bound = BoundFor(limit);
        kestrel.Limits.MaxConcurrentConnections = bound;
        kestrel.Limits.MaxConcurrentUpgradedConnections = bound;
        return $"at most {bound} connections at once (open-file limit {limit}, {limit - bound} kept for the store and the runtime); {rate}";
    }
}
