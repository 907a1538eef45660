using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace DataMux.Generators.Tests;

/// <summary>What one generator run produced.</summary>
/// <param name="Diagnostics">The generator's own diagnostics.</param>
/// <param name="Sources">Generated sources by hint name.</param>
/// <param name="OutputCompilation">The input compilation plus the generated trees.</param>
/// <param name="Driver">The driver after the run, holding its cache for follow-up runs.</param>
/// <param name="Input">The compilation the generator ran on.</param>
internal sealed record GeneratorRun(
    ImmutableArray<Diagnostic> Diagnostics,
    IReadOnlyDictionary<string, string> Sources,
    Compilation OutputCompilation,
    GeneratorDriver Driver,
    CSharpCompilation Input);

/// <summary>
/// Builds compilations from snippets against the real runtime (DataMux.dll, TorchSharp.dll) and runs the
/// generator on them. Every run is repeated on a clone of the compilation to prove the pipeline is cacheable.
/// </summary>
internal static class TestHelper
{
    public const string FileName = "Model.cs";

    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return trusted
            .Concat([typeof(MultiplexedAttribute).Assembly.Location, typeof(TorchSharp.torch).Assembly.Location])
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
    });

    public static CSharpCompilation Compile(params string[] sources) => Compile(ParseOptions, sources);

    public static CSharpCompilation Compile(CSharpParseOptions parseOptions, string[] sources) =>
        CSharpCompilation.Create(
            "GeneratorTest",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, parseOptions, i == 0 ? FileName : $"Other{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error));

    public static GeneratorDriver CreateDriver() => CreateDriver(ParseOptions);

    public static GeneratorDriver CreateDriver(CSharpParseOptions parseOptions) =>
        CSharpGeneratorDriver.Create(
            [new MultiplexedModelGenerator().AsSourceGenerator()],
            parseOptions: parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator, then reruns it on a clone and asserts that every step came from the cache.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(ParseOptions, sources);

    /// <summary><see cref="Run(string[])"/> for a consumer on other parse options (an older language version).</summary>
    public static GeneratorRun Run(CSharpParseOptions parseOptions, params string[] sources)
    {
        var compilation = Compile(parseOptions, sources);
        var driver = CreateDriver(parseOptions).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var result = driver.GetRunResult();
        Assert.Null(result.Results.Single().Exception); // a generator exception is reported as CS8785 and drops every file

        var rerun = driver.RunGenerators(compilation.Clone()).GetRunResult();
        AssertAllCached(result, rerun);

        return new GeneratorRun(
            result.Diagnostics,
            result.GeneratedTrees.ToDictionary(tree => Path.GetFileName(tree.FilePath), tree => tree.ToString()),
            output,
            driver,
            compilation);
    }

    /// <summary>The outputs of every tracked step, by step name.</summary>
    public static Dictionary<string, IncrementalStepRunReason[]> StepReasons(GeneratorDriverRunResult result) =>
        result.Results.Single().TrackedSteps
            .Where(step => TrackingNameValues.Contains(step.Key))
            .ToDictionary(step => step.Key, step => step.Value.SelectMany(run => run.Outputs).Select(o => o.Reason).ToArray());

    public static readonly string[] TrackingNameValues = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral)
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToArray();

    private static void AssertAllCached(GeneratorDriverRunResult first, GeneratorDriverRunResult second)
    {
        var firstSteps = first.Results.Single().TrackedSteps;
        var secondSteps = second.Results.Single().TrackedSteps;
        foreach (var name in TrackingNameValues.Where(firstSteps.ContainsKey))
        {
            var before = firstSteps[name];
            var after = secondSteps[name];
            Assert.Equal(before.Length, after.Length);
            for (var i = 0; i < before.Length; i++)
            {
                Assert.Equal(before[i].Outputs.Select(o => o.Value), after[i].Outputs.Select(o => o.Value));
                foreach (var (value, reason) in after[i].Outputs)
                {
                    Assert.True(
                        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"Step '{name}' re-ran on an identical compilation ({reason}): its output is not equatable.");
                }

                AssertNoRoslynObjects(before[i], name);
                AssertNoRoslynObjects(after[i], name);
            }
        }

        // Source outputs of the second run must all come from the cache.
        foreach (var output in second.Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs))
        {
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason);
        }
    }

    /// <summary>
    /// Walks a step's outputs and fails on any compilation, symbol or syntax node: holding one keeps old
    /// compilations alive and defeats the cache.
    /// </summary>
    public static void AssertNoRoslynObjects(IncrementalGeneratorRunStep step, string stepName)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var (value, _) in step.Outputs)
        {
            Visit(value);
        }

        void Visit(object? node)
        {
            if (node is null || !visited.Add(node)) return;
            Assert.False(
                node is Compilation or ISymbol or SyntaxNode or SemanticModel or SyntaxTree,
                $"Step '{stepName}' holds a {node.GetType().Name}; pipeline values must be plain data.");

            var type = node.GetType();
            if (type.IsPrimitive || type.IsEnum || node is string) return;
            if (node is IEnumerable items)
            {
                foreach (var item in items) Visit(item);
                return;
            }

            for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                {
                    Visit(field.GetValue(node));
                }
            }
        }
    }

    /// <summary>
    /// The source text a diagnostic points at. The generator reports file-path locations (it keeps no syntax
    /// trees in its cache), so the tree is found by path.
    /// </summary>
    public static string SpanText(this GeneratorRun run, Diagnostic diagnostic)
    {
        var path = diagnostic.Location.GetLineSpan().Path;
        var tree = run.Input.SyntaxTrees.Single(t => t.FilePath == path);
        return tree.GetText().ToString(diagnostic.Location.SourceSpan);
    }

    /// <summary>The input plus the generated code compiles with no warning or error.</summary>
    public static void AssertCompilesCleanly(this GeneratorRun run)
    {
        var problems = run.OutputCompilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The run's output compilation emitted to an assembly of its own and loaded; its type <paramref name="typeName"/>.</summary>
    public static Type LoadType(this GeneratorRun run, string typeName)
    {
        using var image = new MemoryStream();
        var emitted = run.OutputCompilation.WithAssemblyName("Generated" + Guid.NewGuid().ToString("N")).Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return Assembly.Load(image.ToArray()).GetType(typeName)!;
    }
}
