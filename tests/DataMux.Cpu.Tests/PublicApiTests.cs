using DataMux.Testing;
using PublicApiGenerator;
using Xunit;

namespace DataMux.Cpu.Tests;

/// <summary>
/// The DataMux.Cpu package's public API as text, compared with a reviewed snapshot: a change to it shows in the diff of
/// <c>PublicApiTests.The_public_api_has_not_changed#DataMux.Cpu.verified.cs</c> (accept with DATAMUX_ACCEPT_SNAPSHOTS=1).
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_public_api_has_not_changed()
    {
        var api = typeof(CpuEngine).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });
        Snapshots.Match(api, "DataMux.Cpu.cs");
    }
}
