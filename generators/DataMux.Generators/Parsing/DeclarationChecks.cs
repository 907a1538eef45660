using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DataMux.Generators.Diagnostics;
using DataMux.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DataMux.Generators.Parsing;

/// <summary>
/// The checks on the annotated class's declaration, not on its attribute values: its shape (partial, not static or
/// generic, no base class, partial containers) and names that would clash with the generated part's members.
/// </summary>
internal static class DeclarationChecks
{
    /// <summary>The class must be one the generator can add a partial Module declaration to.</summary>
    public static void CheckShape(
        INamedTypeSymbol type,
        TypeDeclarationSyntax declaration,
        SemanticModel semanticModel,
        LocationInfo? classLocation,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelNotPartial, classLocation, type.Name));
        }

        if (type.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedModelType, classLocation, type.Name, "static"));
        }

        if (type.TypeParameters.Length > 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedModelType, classLocation, type.Name, "generic"));
        }

        // Every partial declaration of the class, this one included.
        var declarations = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().ToList();
        if (declarations.FirstOrDefault(static d => d.ParameterList is not null) is { ParameterList: { } parameters })
        {
            // The generated constructor could not chain to the primary one (CS8862).
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedModelType, LocationInfo.From(parameters), type.Name, "declared with a primary constructor"));
        }

        if (declaration.Modifiers.Any(SyntaxKind.FileKeyword))
        {
            // A file-local type cannot have a part in the generated file.
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedModelType, classLocation, type.Name, "file-local"));
        }

        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            var outerDeclarations = outer.DeclaringSyntaxReferences
                .Select(reference => reference.GetSyntax(cancellationToken))
                .OfType<TypeDeclarationSyntax>()
                .ToList();
            var outerLocation = outerDeclarations.Count > 0 ? LocationInfo.From(outerDeclarations[0].Identifier.GetLocation()) : classLocation;
            if (outer.TypeParameters.Length > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedModelType, outerLocation, type.Name, $"nested in the generic type '{outer.Name}'"));
            }

            if (outer.IsFileLocal || outerDeclarations.Any(static d => d.Modifiers.Any(SyntaxKind.FileKeyword)))
            {
                // The generated part would declare a second, ordinary type of that name, and the model would get nothing.
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedModelType, outerLocation, type.Name, $"nested in the file-local type '{outer.Name}'"));
            }

            if (!outerDeclarations.Any(static d => d.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, outerLocation, type.Name, outer.Name));
            }
        }

        // A base type that does not resolve is the compiler's error (CS0246) alone. Where it is written, and whether
        // ': object' is (still a base class in a base list, which the generated part's Module base conflicts with),
        // only the base lists tell: the symbol's BaseType is object either way.
        var written = WrittenBaseClass(type, declarations, semanticModel, cancellationToken);
        if (type.BaseType is { SpecialType: not SpecialType.System_Object, TypeKind: not TypeKind.Error } baseType)
        {
            var baseLocation = written is null ? classLocation : LocationInfo.From(written.GetLocation());
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelHasBaseClass, baseLocation, type.Name, baseType.ToDisplayString()));
        }
        else if (type.BaseType is { SpecialType: SpecialType.System_Object } && written is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelHasBaseClass, LocationInfo.From(written.GetLocation()), type.Name, "object"));
        }
    }

    /// <summary>
    /// The first base-list entry, over every declaration of <paramref name="type"/>, that names a class: its base class
    /// as written (<c>: B</c>, <c>: object</c>, <c>: Object</c> under <c>using System;</c>, an alias of either), or null.
    /// </summary>
    private static BaseTypeSyntax? WrittenBaseClass(INamedTypeSymbol type, IEnumerable<TypeDeclarationSyntax> declarations, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        foreach (var declaration in declarations)
        {
            // Only the first entry can be a base class; in another file, one named like an interface of the type is one.
            if (declaration.BaseList?.Types.FirstOrDefault() is not { } first) continue;
            var sameFile = declaration.SyntaxTree == semanticModel.SyntaxTree;
            if (!sameFile && NamesAnInterfaceOf(type, first.Type)) continue;
#pragma warning disable RS0030 // Another file's base list is bound only here, when its first entry may name a class: rare, and one type each.
            var model = sameFile ? semanticModel : semanticModel.Compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS0030
            if (model.GetTypeInfo(first.Type, cancellationToken).Type is { TypeKind: TypeKind.Class }) return first;
        }

        return null;
    }

    /// <summary>Whether <paramref name="written"/>'s last name and arity are those of an interface the type implements.</summary>
    private static bool NamesAnInterfaceOf(INamedTypeSymbol type, TypeSyntax written)
    {
        var name = written switch
        {
            QualifiedNameSyntax qualified => qualified.Right,
            AliasQualifiedNameSyntax aliased => aliased.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };
        var arity = name is GenericNameSyntax generic ? generic.Arity : 0;
        return name is not null && type.Interfaces.Any(i => i.Name == name.Identifier.ValueText && i.Arity == arity);
    }

    /// <summary>
    /// The generated part declares constants, properties and fields with fixed names; a class or a member of the user's
    /// part with one of those names would make the generated file fail to compile, far from the cause.
    /// </summary>
    public static void CheckNames(INamedTypeSymbol type, ModelTask task, LocationInfo? classLocation, List<DiagnosticInfo> diagnostics)
    {
        var generated = GeneratedMembers.Names(task); // Enumerable.Contains uses the set's own lookup
        if (generated.Contains(type.Name) || type.Name == Forward)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameConflict, classLocation, type.Name, "the model class"));
        }

        foreach (var member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared || member.Locations.FirstOrDefault() is not { IsInSource: true } location)
            {
                continue;
            }

            var conflict = member switch
            {
                // The generated part declares forward(Tensor) and the constructor (Device? device = null); other
                // overloads and constructors are the user's to add.
                // The generated part implements IMultiplexedModel's members itself, the Configuration property explicitly.
                IPropertySymbol property when property.ExplicitInterfaceImplementations.Any(static p => IsModelInterface(p.ContainingType)) => true,
                IMethodSymbol { AssociatedSymbol: null } method when method.ExplicitInterfaceImplementations.Any(static m => IsModelInterface(m.ContainingType)) => true,
                IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => HasOneParameterOf(constructor, "TorchSharp.torch.Device"),
                IMethodSymbol { MethodKind: MethodKind.StaticConstructor } => false,
                IMethodSymbol { Name: Forward } method => HasOneParameterOf(method, "TorchSharp.torch.Tensor"),
                // The generated constructor calls RegisterComponents(): an override is the user's to make, but a method
                // such a call would bind to instead (an overload whose parameters are all optional, a 'new' one) would
                // leave the submodules unregistered.
                IMethodSymbol { Name: RegisterComponents, IsOverride: false } method => method.Parameters.All(static p => p.IsOptional || p.IsParams),
                IMethodSymbol => generated.Contains(member.Name),
                _ => generated.Contains(member.Name) || member.Name == Forward,
            };
            if (conflict)
            {
                var name = member is IMethodSymbol { MethodKind: MethodKind.Constructor } ? $"{type.Name}(Device?)" : member.Name;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameConflict, LocationInfo.From(location), name, $"a member of '{type.Name}'"));
            }
        }
    }

    private const string Forward = "forward";

    private const string RegisterComponents = "RegisterComponents";

    private static bool IsModelInterface(INamedTypeSymbol type) =>
        type.ToDisplayString() is "DataMux.IMultiplexedModel" or "DataMux.Images.IMultiplexedImageModel";

    /// <summary>Whether <paramref name="method"/> has the generated member's signature: one by-value parameter of
    /// <paramref name="typeName"/>, no type parameters (a generic or an 'in' overload is a different method).</summary>
    private static bool HasOneParameterOf(IMethodSymbol method, string typeName) =>
        method is { TypeParameters.Length: 0, Parameters: [{ RefKind: RefKind.None } parameter] }
        && parameter.Type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString() == typeName;
}
