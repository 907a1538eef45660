using System;
using System.IO;
using DataMux.Testing;
using Xunit;

namespace DataMux.Native.Tests;

/// <summary>
/// A user's own project, outside this repository, that references the runtime library by project reference:
/// its normal build must apply the fix-up so that TorchSharp loads without any step of the user's, also on a first
/// build on a machine without patchelf, where the fix-up installs it first, and with NUGET_PACKAGES set without a
/// trailing slash.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ConsumerProjectTests : IDisposable
{
    private readonly TemporaryFolder temporary = new("dmx-consumer-");

    private string folder => temporary.Path;

    public void Dispose() => temporary.Dispose();

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

        // A configuration of its own keeps this build's outputs (also those of src/DataMux, native ones included)
        // apart from the solution build that the other test assemblies, running in parallel, are loaded from. Its
        // native folder is removed, so the fix-up runs from the start as on a fresh clone.
        var native = Path.Combine(Shell.RepositoryRoot, "src", "DataMux", "obj", "native", "ConsumerCheck");
        if (Directory.Exists(native)) Directory.Delete(native, recursive: true);
        // The fake apt-get logs its arguments and "installs" patchelf by linking the real one into the machine's PATH.
        var machine = new MachineWithoutPatchelf(folder, (bin, patchelf) => patchelf is null
            ? $"echo \"$*\" >> \"{folder}/apt-get.log\"; exit 1"
            : $"echo \"$*\" >> \"{folder}/apt-get.log\"; ln -sf \"{patchelf}\" \"{bin}/patchelf\"").Environment();
        // The package folder named as CI set-ups often do, without a trailing slash: the fix-up then looked for
        // TorchSharp at '<root>torchsharp/...' and failed the build.
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        machine["NUGET_PACKAGES"] = packages.TrimEnd('/');
        var (build, buildLog) = Shell.Run("dotnet", "build -c ConsumerCheck -nologo -v q -nodeReuse:false --disable-build-servers", folder,
            timeoutSeconds: 600, environment: machine);
        Assert.True(build == 0, buildLog);
        // The fake package manager was asked for patchelf exactly when the system needs the patch.
        var installs = File.Exists(Path.Combine(folder, "apt-get.log")) ? File.ReadAllText(Path.Combine(folder, "apt-get.log")) : "";
        if (Shell.SystemLibStdCxxIsNewEnough()) Assert.Equal("", installs);
        else Assert.Contains("install -y -qq patchelf", installs);
        var (run, runLog) = Shell.Run("dotnet", "bin/ConsumerCheck/net10.0/Consumer.dll", folder);

        Assert.True(run == 0, runLog);
        Assert.Contains("sum=6", runLog);
    }
}
