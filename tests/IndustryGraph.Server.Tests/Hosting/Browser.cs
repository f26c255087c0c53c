using Microsoft.Playwright;

namespace IndustryGraph.Server.Tests.Hosting;

/// <summary>Debian's headless chromium driven by Playwright (tests/setup/30-chromium.sh installs it; never playwright install).</summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>axe-core's script (npm, tests/clients), injected into pages to check accessibility.</summary>
    public static string AxeScript => Path.Combine(Repository.ClientsFolder, "node_modules", "axe-core", "axe.min.js");

    /// <summary>Why browser tests cannot run here, or null when they can.</summary>
    public static string? MissingSetup(string bundleFolder)
    {
        if (!File.Exists(ChromiumPath))
        {
            return "chromium is missing: run bash tests/setup/30-chromium.sh (tests/run-all.sh does)";
        }

        return File.Exists(Path.Combine(AppContext.BaseDirectory, bundleFolder, "index.html"))
            ? null
            : $"the {bundleFolder} bundle was not built (Node.js was missing at build time): install Node.js 20+ and build again";
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
}

/// <summary>A test that needs chromium and a front-end bundle: skipped, with the reason printed, when either is missing.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute(string bundleFolder, bool needsAxe = false)
    {
        if (Browser.MissingSetup(bundleFolder) is { } reason)
        {
            Skip = reason;
        }
        else if (needsAxe && !File.Exists(Browser.AxeScript))
        {
            Skip = "axe-core is missing: run bash tests/setup/10-clients.sh (tests/run-all.sh does)";
        }
    }
}
