using System.Text.Json;

namespace NewsCms.IntegrationTests.Operations;

// The runtime settings docs/performance.md measured are the ones the app ships with: the runtime
// reads them from the runtimeconfig.json the build writes beside NewsCms.Web.dll. A misspelt
// MSBuild property (ServerGarbageCollector) once left the Web SDK's Server GC in place unnoticed.
public sealed class RuntimeSettingsTests
{
    private static JsonElement ConfigProperties()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "NewsCms.Web.runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void The_app_runs_on_the_workstation_garbage_collector()
    {
        Assert.False(ConfigProperties().GetProperty("System.GC.Server").GetBoolean());
    }

    [Fact]
    public void The_app_runs_without_dynamic_profile_guided_optimisation()
    {
        Assert.False(ConfigProperties().GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }
}
