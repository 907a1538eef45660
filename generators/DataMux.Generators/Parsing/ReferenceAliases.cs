using System.Linq;
using DataMux.Generators.Diagnostics;
using DataMux.Generators.Models;
using Microsoft.CodeAnalysis;

namespace DataMux.Generators.Parsing;

/// <summary>
/// The generated file names the runtime's and TorchSharp's types as <c>global::DataMux...</c> and
/// <c>global::TorchSharp...</c>; a project that references either assembly only under an extern alias would get a file
/// of CS0234 errors instead of one diagnostic naming the cause.
/// </summary>
internal static class ReferenceAliases
{
    /// <summary>DMX0018 for the first of the two assemblies referenced only under an alias, or null.</summary>
    public static DiagnosticInfo? Check(INamedTypeSymbol type, AttributeData multiplexed, Compilation compilation, LocationInfo? classLocation)
    {
        var runtime = multiplexed.AttributeClass?.ContainingAssembly;
        // TorchSharp as the runtime references it: a lookup by type name does not see into aliased references.
        var torch = runtime?.Modules.SelectMany(static m => m.ReferencedAssemblySymbols).FirstOrDefault(static a => a.Name == "TorchSharp");
        foreach (var (assembly, namespaceName) in new[] { (runtime, "DataMux"), (torch, "TorchSharp") })
        {
            // A source assembly (the runtime compiled with its users) has no reference and no alias.
            if (assembly is null || compilation.GetMetadataReference(assembly) is not { } reference) continue;
            var aliases = reference.Properties.Aliases;
            if (aliases.IsEmpty || aliases.Contains("global")) continue;
            return DiagnosticInfo.Create(DiagnosticDescriptors.ReferenceOnlyUnderAlias, classLocation, type.Name, namespaceName, assembly.Name, aliases[0]);
        }

        return null;
    }
}
