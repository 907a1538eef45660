using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace DataMux.Tests;

/// <summary>
/// TorchSharp converts a number passed where it takes a <see cref="TorchSharp.Scalar"/> into a new Scalar that nothing keeps alive
/// during the native call: the finalizer can free it while libtorch reads it (libtorch's "Expected false to be true"
/// from Scalar::toDouble, or whatever the freed memory holds). The runtime and the CPU engine pass only Scalars held in
/// variables.
/// </summary>
public sealed class ScalarOperandTests
{
    [Theory]
    [InlineData("DataMux", 40)]
    [InlineData("DataMux.Cpu", 15)]   // compiled against the DataMux.dll beside this test
    public void The_runtime_converts_no_number_to_a_Scalar_implicitly(string project, int minimumFiles)
    {
        var root = Path.Combine(DataMux.Testing.RepositoryPaths.Root, "src", project);
        var trees = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(path => Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar)[0] is not ("bin" or "obj"))
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), new CSharpParseOptions(LanguageVersion.Latest), path))
            .ToList();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(path => Path.GetFileName(path) != $"{project}.dll")
            .GroupBy(Path.GetFileName).Select(group => MetadataReference.CreateFromFile(group.First()));
        var compilation = CSharpCompilation.Create("RuntimeSources", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        // The check binds every call: a runtime that no longer compiles here would pass it vacuously.
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        Assert.True(trees.Count > minimumFiles, $"found {trees.Count} source files under {root}");

        var implicitScalars = trees.SelectMany(tree => ImplicitScalars(compilation, tree))
            .Select(node => $"{Path.GetRelativePath(root, node.SyntaxTree.FilePath)}:{node.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: {node}")
            .ToList();

        // The detector finds each kind where there is one.
        var control = CSharpSyntaxTree.ParseText("""
            using TorchSharp;
            static class Control
            {
                static void M(torch.Tensor x, torch.Tensor y, long p, Scalar s)
                {
                    x.eq(p); _ = x / 2; _ = x + y; x.add_(y); x.add(s); x.add_(y, s); _ = x - y; _ = x.ToInt64(); _ = x.item<long>();
                }
            }
            """, new CSharpParseOptions(LanguageVersion.Latest));
        Assert.Equal(["p", "x / 2", "x + y", "x.add_(y)", "x.add(s)", "x.ToInt64()"], ImplicitScalars(compilation.AddSyntaxTrees(control), control).Select(node => node.ToString()));

        Assert.True(implicitScalars.Count == 0, "Numbers converted to a Scalar or Tensor where nothing holds it (hold it: using var s = x.ToScalar()):\n" + string.Join("\n", implicitScalars));
    }

    /// <summary>Expressions of <paramref name="tree"/> converted to a TorchSharp Scalar by an implicit conversion.</summary>
    private static IEnumerable<SyntaxNode> ImplicitScalars(Compilation compilation, SyntaxTree tree)
    {
        var model = compilation.GetSemanticModel(tree);
        return tree.GetRoot().DescendantNodes()
            .Select(node => model.GetOperation(node))
            .Where(operation => operation is not null && operation.Parent is null) // each body's root once
            .SelectMany(root => root!.DescendantsAndSelf())
            .Where(operation => operation switch
            {
                // x.eq(p), torch.full(..., p): the number becomes a Scalar (or a Tensor) at the call.
                IConversionOperation { IsImplicit: true, OperatorMethod: { } method } => IsTorchSharp(method.ContainingType),
                // x / n, 2 * x: TorchSharp's operators for numbers make the Scalar inside; x + y adds with alpha 1, a
                // number converted inside (measured: 45 of 0.8 million x + y failed under forced collections).
                IBinaryOperation { OperatorMethod: { } method } binary => IsTorchSharp(method.ContainingType)
                    && (binary.OperatorKind == BinaryOperatorKind.Add
                        || binary.LeftOperand.Type?.SpecialType is not SpecialType.None || binary.RightOperand.Type?.SpecialType is not SpecialType.None),
                // x.add(y), x.add_(y): the same alpha 1, unless the call passes one.
                IInvocationOperation { TargetMethod: { Name: "add" or "add_" } method } invocation => IsTorchSharp(method.ContainingType)
                    && invocation.Arguments.Length == 1,
                // x.ToInt64(), x.ToDouble(), ...: TorchSharp reads the value through a Scalar of its own (an abort, not an
                // exception, when it is freed: 2 in 7.5 million ToInt64 calls). item<T>() reads the data instead.
                IInvocationOperation { TargetMethod: { IsExtensionMethod: true, Parameters: [{ Type.Name: "Tensor" }, ..] } method }
                    => IsTorchSharp(method.ContainingType) && method.Name.StartsWith("To", StringComparison.Ordinal) && method.Name != "ToScalar"
                       && method.ReturnType.SpecialType is not SpecialType.None,
                _ => false,
            })
            .Select(operation => operation.Syntax)
            .Distinct();
    }

    private static bool IsTorchSharp(ITypeSymbol type)
    {
        for (var space = type.ContainingNamespace; space is not null; space = space.ContainingNamespace)
        {
            if (space.Name == "TorchSharp" && space.ContainingNamespace.IsGlobalNamespace) return true;
        }

        return false;
    }

}
