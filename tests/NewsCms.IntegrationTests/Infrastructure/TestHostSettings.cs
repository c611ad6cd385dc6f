using System.Runtime.CompilerServices;

namespace NewsCms.IntegrationTests.Infrastructure;

internal static class TestHostSettings
{
    // Every test app would otherwise watch appsettings and wwwroot with inotify; hundreds of hosts
    // in one run exhaust the kernel's per-user inotify instances and tests fail for no fault of theirs.
    [ModuleInitializer]
    internal static void Apply()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
