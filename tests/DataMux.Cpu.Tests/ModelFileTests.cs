using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using DataMux.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace DataMux.Cpu.Tests;

/// <summary>
/// The model reads as a model: the runtime assembly does not reference the engine, and neither the model files
/// (Multiplexers, Demultiplexers, Backbones, Heads) nor the generated code name anything of it: no engine type or
/// namespace, and none of the hooks the engine once had in them (issue 19).
/// </summary>
public sealed class ModelFileTests
{
    private static readonly string[] ModelFolders = ["Multiplexers", "Demultiplexers", "Backbones", "Heads"];

    // Members the model files once carried for the engine; none may come back under these names.
    private static readonly string[] FormerHooks =
    [
        "EmbedAndMix", "EmbedAndMixElementwise", "TryEncode", "TryDescribeForTeam", "PackWeights", "RepackWeights",
        "UnpackWeights", "CanPackWeights", "ProjectionWeights", "TryApply", "TryMix", "NormEpsilon", "Performance",
    ];

    [Fact]
    public void The_runtime_assembly_does_not_reference_the_engine()
    {
        var references = typeof(IMultiplexedModel).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToArray();
        Assert.DoesNotContain(typeof(CpuEngine).Assembly.GetName().Name, references);
    }

    [Fact]
    public void Model_files_and_generated_code_name_nothing_of_the_engine()
    {
        var forbidden = EngineNames();
        var files = ModelFolders.SelectMany(folder => Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src", "DataMux", folder), "*.cs", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "DataMux.Generators.Tests"), "*.verified.cs"))
            .ToArray();
        Assert.Contains(files, file => file.EndsWith("TransformerEncoderLayer.cs", StringComparison.Ordinal));
        Assert.Contains(files, file => file.EndsWith(".g.verified.cs", StringComparison.Ordinal));

        var found = files.SelectMany(file => Names(file).Where(forbidden.Contains).Select(name => $"{Path.GetRelativePath(RepositoryPaths.Root, file)}: {name}"))
            .Distinct().ToArray();
        Assert.True(found.Length == 0, "The model files must not reference the CPU engine, but these do:\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_check_finds_what_it_looks_for()
    {
        // The names the check forbids include the engine's kernels, so that the check would fail on the old model files.
        var forbidden = EngineNames();
        foreach (var name in new[] { "CpuEngine", "EncoderTeam", "FusedTokenDemux", "FusedEmbeddingMix", "PackedLayerWeights", "CpuAttention", "Cpu", "EmbedAndMix" })
            Assert.Contains(name, forbidden);
        var tree = CSharpSyntaxTree.ParseText("using DataMux.Performance; class A { void F() { EncoderTeam.TryEncode(layers, x, mask); mux.EmbedAndMix(e, ids); } }");
        var names = tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>().Select(n => n.Identifier.ValueText).ToHashSet();
        Assert.Contains("EncoderTeam", names.Where(forbidden.Contains));
        Assert.Contains("EmbedAndMix", names.Where(forbidden.Contains));
    }

    // Every type the engine assembly declares (public or not) that the runtime does not declare too (HeldScalars, a
    // copy), the engine's namespace segment, and the former hooks.
    private static HashSet<string> EngineNames()
    {
        var runtime = typeof(IMultiplexedModel).Assembly.GetTypes().Select(t => t.Name).ToHashSet();
        var engine = typeof(CpuEngine).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is null && !t.Name.Contains('<'))
            .Select(t => t.Name.Split('`')[0])
            .Where(name => !runtime.Contains(name));
        return engine.Concat(FormerHooks).Append("Cpu").ToHashSet();
    }

    // The identifiers a file names (types, members, namespace segments); comments and strings are not names.
    private static IEnumerable<string> Names(string file) =>
        CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot().DescendantNodes().OfType<SimpleNameSyntax>()
            .Select(name => name.Identifier.ValueText);
}
