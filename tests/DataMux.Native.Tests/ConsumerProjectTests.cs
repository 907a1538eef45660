using System;
using System.IO;
using Xunit;

namespace DataMux.Native.Tests;

/// <summary>
/// A user's own project, outside this repository, that references the runtime library by project reference:
/// its normal build must apply the fix-up so that TorchSharp loads without any step of the user's.
/// </summary>
public sealed class ConsumerProjectTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("dmx-consumer-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_project_outside_the_repository_builds_and_loads_libtorch()
    {
        var runtime = Path.Combine(Shell.RepositoryRoot, "src", "DataMux", "DataMux.csproj");
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{runtime}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), """
            using var x = TorchSharp.torch.arange(4, dtype: TorchSharp.torch.float32);
            System.Console.WriteLine($"sum={x.sum().item<float>()}");
            """);

        // A configuration of its own keeps this build's outputs (also those of src/DataMux) apart from the
        // solution build that the other test assemblies, running in parallel, are loaded from.
        var (build, buildLog) = Shell.Run("dotnet", "build -c ConsumerCheck -nologo -v q", folder, timeoutSeconds: 600);
        Assert.True(build == 0, buildLog);
        var (run, runLog) = Shell.Run("dotnet", "bin/ConsumerCheck/net10.0/Consumer.dll", folder);

        Assert.True(run == 0, runLog);
        Assert.Contains("sum=6", runLog);
    }
}
