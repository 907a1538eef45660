using System;
using System.IO;
using DataMux.Testing;
using Xunit;

namespace DataMux.Native.Tests;

/// <summary>
/// A user's own project, outside this repository, installs the DataMux and DataMux.Cpu packages the way users do: the
/// packages are packed into a local folder feed, the project adds them with <c>dotnet add package</c> from that feed only
/// (their own dependencies come from the machine's package folder), declares a model, trains it, and runs it as a model
/// and compiled by the CPU engine. Its build applies DataMux's native fix-up (buildTransitive), also on a machine without
/// patchelf, where the fix-up installs it first; the engine's native libraries come from the DataMux.Cpu package.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ConsumerProjectTests : IDisposable
{
    private readonly TemporaryFolder temporary = new("dmx-consumer-");

    private string folder => temporary.Path;

    public void Dispose() => temporary.Dispose();

    [Fact]
    public void A_project_outside_the_repository_installs_the_package_declares_a_model_and_runs_it()
    {
        // A configuration of its own keeps the pack's build outputs (src/DataMux and the generator, native ones included)
        // apart from the solution build that the other test assemblies, running in parallel, are loaded from.
        var feed = Directory.CreateDirectory(Path.Combine(folder, "feed")).FullName;
        var runtime = Path.Combine(Shell.RepositoryRoot, "src", "DataMux", "DataMux.csproj");
        var (pack, packLog) = Shell.Run("dotnet", $"pack \"{runtime}\" -c ConsumerCheck -o \"{feed}\" -nologo -v q -nodeReuse:false --disable-build-servers",
            folder, timeoutSeconds: 600);
        Assert.True(pack == 0, packLog);
        Assert.True(File.Exists(Path.Combine(feed, "DataMux.0.1.0.nupkg")), packLog);
        Assert.True(File.Exists(Path.Combine(feed, "DataMux.0.1.0.snupkg")), "a symbols package is packed beside it");
        var engine = Path.Combine(Shell.RepositoryRoot, "src", "DataMux.Cpu", "DataMux.Cpu.csproj");
        var (packEngine, packEngineLog) = Shell.Run("dotnet", $"pack \"{engine}\" -c ConsumerCheck -o \"{feed}\" -nologo -v q -nodeReuse:false --disable-build-servers",
            folder, timeoutSeconds: 600);
        Assert.True(packEngine == 0, packEngineLog);
        Assert.True(File.Exists(Path.Combine(feed, "DataMux.Cpu.0.1.0.nupkg")), packEngineLog);

        var machinePackages = (Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages")).TrimEnd('/');
        var machineHadDataMux = Directory.Exists(Path.Combine(machinePackages, "datamux"));
        var project = Directory.CreateDirectory(Path.Combine(folder, "app")).FullName;
        // DataMux from the local feed only; everything else from nuget.org, found first among the machine's packages
        // (a fallback folder: read, never written). The project restores into a package folder of its own.
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="DataMux" /><package pattern="DataMux.Cpu" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), """
            using DataMux;
            using DataMux.Batching;
            using DataMux.Training;
            using TorchSharp;

            using var model = new TinyModel();
            using var tokens = torch.randint(1, TinyModel.Vocabulary, new long[] { 40, TinyModel.MaxLength });
            using var labels = torch.randint(0, TinyModel.Classes, new long[] { 40 });
            var summary = MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions { Steps = 3, BatchGroups = 4 });
            using var logits = model.PredictInGroups(tokens);
            using var engine = DataMux.Cpu.CpuEngine.Compile(model);
            using var compiled = engine.forward(tokens);
            System.Console.WriteLine(engine.Report);
            System.Console.WriteLine($"steps={summary.Steps} logits={string.Join("x", logits.shape)} engine={engine.Report["encoder"].Fused} agree={compiled.allclose(logits, 1e-4, 1e-5)}");

            /// <summary>Three classes of eight tokens, two inputs per backbone pass.</summary>
            [Multiplexed(N = 2)]
            [Transformer(Layers = 1, Hidden = 32, Heads = 2, MaxLength = 8, Vocabulary = 50)]
            [SequenceClassification(Classes = 3)]
            public partial class TinyModel { }
            """);

        // The fake apt-get logs its arguments and "installs" patchelf by linking the real one into the machine's PATH.
        var machine = new MachineWithoutPatchelf(folder, (bin, patchelf) => patchelf is null
            ? $"echo \"$*\" >> \"{folder}/apt-get.log\"; exit 1"
            : $"echo \"$*\" >> \"{folder}/apt-get.log\"; ln -sf \"{patchelf}\" \"{bin}/patchelf\"").Environment();
        machine["NUGET_PACKAGES"] = Path.Combine(folder, "packages");
        var (add, addLog) = Shell.Run("dotnet", "add package DataMux --version 0.1.0", project, timeoutSeconds: 300, environment: machine);
        Assert.True(add == 0, addLog);
        var (addEngine, addEngineLog) = Shell.Run("dotnet", "add package DataMux.Cpu --version 0.1.0", project, timeoutSeconds: 300, environment: machine);
        Assert.True(addEngine == 0, addEngineLog);
        var (build, buildLog) = Shell.Run("dotnet", "build -c Release -nologo -v q -nodeReuse:false --disable-build-servers", project,
            timeoutSeconds: 600, environment: machine);
        Assert.True(build == 0, buildLog);
        // The fake package manager was asked for patchelf exactly when the system needs the patch.
        var installs = File.Exists(Path.Combine(folder, "apt-get.log")) ? File.ReadAllText(Path.Combine(folder, "apt-get.log")) : "";
        if (Shell.SystemLibStdCxxIsNewEnough()) Assert.Equal("", installs);
        else Assert.Contains("install -y -qq patchelf", installs);
        // DataMux came from the local feed into the project's own package folder; the machine's folder was not written.
        Assert.True(Directory.Exists(Path.Combine(folder, "packages", "datamux", "0.1.0")));
        Assert.True(File.Exists(Path.Combine(folder, "packages", "datamux.cpu", "0.1.0", "runtimes", "linux-x64", "native", "libdatamux_team.so")),
            "the engine's native team library ships in its package");
        Assert.Equal(machineHadDataMux, Directory.Exists(Path.Combine(machinePackages, "datamux")));

        var (run, runLog) = Shell.Run("dotnet", "bin/Release/net10.0/Consumer.dll", project);
        Assert.True(run == 0, runLog);
        Assert.Contains("steps=3 logits=40x3 engine=True agree=True", runLog);
    }
}
