using System.Collections.Generic;
using System.Linq;
using DataMux.Generators.Diagnostics;
using DataMux.Generators.Models;
using Microsoft.CodeAnalysis;

namespace DataMux.Generators.Parsing;

/// <summary>
/// Reads the type a [Backbone] names and checks the contract the generated code relies on (BackboneAttribute's
/// remarks): a non-abstract, non-generic class deriving from <c>Module&lt;Tensor, Tensor&gt;</c> (its accessibility is the compiler's, in typeof),
/// with a constructor taking <c>(int hidden)</c> or none. What leaves here is a <see cref="BackboneType"/> of strings.
/// </summary>
internal static class BackboneChecks
{
    private const string Attribute = "Backbone";

    /// <summary>The constructor parameter's name, under which <see cref="ModelParser"/> records where the type is written.</summary>
    public const string TypeArgument = "type";

    private static readonly SymbolDisplayFormat Display = SymbolDisplayFormat.CSharpErrorMessageFormat;

    /// <summary>The backbone of <paramref name="model"/>, or null with the reasons in <paramref name="diagnostics"/>.</summary>
    public static BackboneType? Read(AttributeData backbone, INamedTypeSymbol model, Compilation compilation, ArgumentLocations locations, List<DiagnosticInfo> diagnostics)
    {
        var location = locations.Of(Attribute, TypeArgument);
        var argument = backbone.ConstructorArguments.Length == 1 ? backbone.ConstructorArguments[0].Value : null;
        if (argument is not INamedTypeSymbol type)
        {
            var given = argument is ITypeSymbol other ? other.ToDisplayString(Display) : "null";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BackboneNotAModule, location, given, "it is not a class"));
            return null;
        }

        // A type the model cannot see (CS0122) or cannot find binds to an error type: the compiler's to report.
        if (type.TypeKind == TypeKind.Error) return null;
        var name = type.ToDisplayString(Display);
        var count = diagnostics.Count;
        if (type.IsUnboundGenericType)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BackboneNotConstructible, location, name, "an open generic type; name a constructed one such as MyEncoder<float>"));
            return null;
        }

        if (type.TypeKind != TypeKind.Class)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BackboneNotAModule, location, name, "it is " + Article(type.TypeKind)));
            return null;
        }

        var module = compilation.GetTypeByMetadataName("TorchSharp.torch+nn+Module`2");
        var tensor = compilation.GetTypeByMetadataName("TorchSharp.torch+Tensor");
        if (module is null || tensor is null || !DerivesFromModule(type, module, tensor))
        {
            var found = type.BaseType is { SpecialType: not SpecialType.System_Object } baseType
                ? "it derives from '" + baseType.ToDisplayString(Display) + "'"
                : "it derives from no module";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BackboneNotAModule, location, name, found));
        }

        if (type.IsAbstract || type.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BackboneNotConstructible, location, name, type.IsStatic ? "static" : "abstract"));
        }
        else if (type.TypeArguments.Any(static t => t is ITypeParameterSymbol))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BackboneNotConstructible, location, name, "an open generic type; name a constructed one such as MyEncoder<float>"));
        }

        var callable = type.InstanceConstructors.Where(c => compilation.IsSymbolAccessibleWithin(c, model)).ToList();
        var takesHidden = callable.Any(static c => c.Parameters.Length == 1 && c.Parameters[0].Type.SpecialType == SpecialType.System_Int32 && c.Parameters[0].RefKind == RefKind.None);
        var parameterless = callable.Any(static c => c.Parameters.Length == 0);
        if (!takesHidden && !parameterless && !type.IsAbstract && !type.IsStatic)
        {
            var others = type.InstanceConstructors.Where(static c => !c.IsImplicitlyDeclared).Select(c => "(" + string.Join(", ", c.Parameters.Select(p => p.Type.ToDisplayString(Display))) + ")").ToList();
            var found = others.Count == 0 ? string.Empty : "; found " + string.Join(", ", others) + (callable.Count < type.InstanceConstructors.Length ? " (not all accessible)" : string.Empty);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BackboneWithoutConstructor, location, name, model.Name, found));
        }

        return diagnostics.Count == count
            ? new BackboneType(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat), takesHidden)
            : null;
    }

    private static bool DerivesFromModule(INamedTypeSymbol type, INamedTypeSymbol module, INamedTypeSymbol tensor)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, module)
                && current.TypeArguments.All(t => SymbolEqualityComparer.Default.Equals(t, tensor)))
            {
                return true;
            }
        }

        return false;
    }

    private static string Article(TypeKind kind) => kind switch
    {
        TypeKind.Interface => "an interface",
        TypeKind.Struct => "a struct",
        TypeKind.Enum => "an enum",
        TypeKind.Delegate => "a delegate",
        _ => "a " + kind.ToString().ToLowerInvariant(),
    };
}
