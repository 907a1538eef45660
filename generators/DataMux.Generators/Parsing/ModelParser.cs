using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using DataMux.Generators.Diagnostics;
using DataMux.Generators.Emitting;
using DataMux.Generators.Models;
using DataMux.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DataMux.Generators.Parsing;

/// <summary>
/// Reads one [Multiplexed] class into a <see cref="ParseResult"/>: the attribute values as a <see cref="ModelSpec"/>
/// plus diagnostics for everything that keeps the class from being generated. This is the only place that
/// touches symbols and syntax; what leaves it is plain, equatable data.
/// </summary>
internal static class ModelParser
{
    private static readonly ParseResult Nothing = new(null, EquatableArray<DiagnosticInfo>.Empty);

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax declaration)
        {
            return Nothing;
        }

        var classLocation = LocationInfo.From(declaration.Identifier.GetLocation());
        if (declaration is RecordDeclarationSyntax)
        {
            // [Multiplexed] allows records (they are classes), but a record cannot derive from Module.
            return new(null, new[] { DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedModelType, classLocation, type.Name, "a record") }.ToEquatableArray());
        }

        // The generated file uses C# 9 (target-typed new, 'not' patterns): on older versions it would fail to compile
        // with errors of its own, far from the cause.
        if (declaration.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp9 and var version })
        {
            return new(null, new[] { DiagnosticInfo.Create(DiagnosticDescriptors.LanguageVersionTooOld, classLocation, type.Name, version.ToDisplayString()) }.ToEquatableArray());
        }

        var diagnostics = new List<DiagnosticInfo>();
        CheckShape(type, declaration, context.SemanticModel, classLocation, diagnostics, cancellationToken);

        var multiplexed = context.Attributes[0];
        AttributeData? transformer = null, sequence = null, token = null;
        var seen = new HashSet<string>();
        foreach (var attribute in type.GetAttributes())
        {
            var name = attribute.AttributeClass?.ToDisplayString();
            if (name is AttributeNames.Multiplexed or AttributeNames.Transformer or AttributeNames.SequenceClassification or AttributeNames.TokenClassification
                && !seen.Add(name))
            {
                // The same attribute twice (on one declaration or on two partial parts) is the compiler's CS0579; which
                // one to believe is not ours to guess, and generating twice would give two files for one class.
                return Nothing;
            }

            switch (name)
            {
                case AttributeNames.Transformer: transformer = attribute; break;
                case AttributeNames.SequenceClassification: sequence = attribute; break;
                case AttributeNames.TokenClassification: token = attribute; break;
            }
        }

        // A malformed argument (wrong type, not a constant, no such constructor) is already a compiler error; adding
        // ours would only repeat it.
        if (HasErrors(multiplexed, cancellationToken) || HasErrors(transformer, cancellationToken) || HasErrors(sequence, cancellationToken) || HasErrors(token, cancellationToken))
        {
            return Nothing;
        }

        var locations = CollectLocations(classLocation, cancellationToken,
            (AttributeNames.Multiplexed, multiplexed),
            (AttributeNames.Transformer, transformer),
            (AttributeNames.SequenceClassification, sequence),
            (AttributeNames.TokenClassification, token));
        var multiplexedName = AttributeNames.ShortName(AttributeNames.Multiplexed);

        if (transformer is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingBackbone, locations.Of(multiplexedName), type.Name));
        }

        if (sequence is null && token is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingTask, locations.Of(multiplexedName), type.Name));
        }
        else if (sequence is not null && token is not null)
        {
            var tokenName = AttributeNames.ShortName(AttributeNames.TokenClassification);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConflictingTasks, locations.Of(tokenName), type.Name));
        }

        if (transformer is null || (sequence is null) == (token is null))
        {
            return new(null, diagnostics.ToEquatableArray());
        }

        var task = sequence is not null ? ModelTask.SequenceClassification : ModelTask.TokenClassification;
        CheckNames(type, task, classLocation, diagnostics);
        var spec = new ModelSpec(
            Namespace: type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString(),
            ContainingTypes: ContainingTypes(type),
            Accessibility: string.Join(" ", declaration.Modifiers.Where(IsAccessibility).Select(static m => m.Text)),
            ClassName: type.Name,
            N: Int(multiplexed, "N", AttributeDefaults.N),
            Mux: EnumMember(multiplexed, "Mux", AttributeDefaults.Mux),
            Demux: EnumMember(multiplexed, "Demux", AttributeDefaults.Demux),
            Seed: Int(multiplexed, "Seed", AttributeDefaults.Seed),
            Layers: Int(transformer, "Layers", AttributeDefaults.Layers),
            Hidden: Int(transformer, "Hidden", AttributeDefaults.Hidden),
            Heads: Int(transformer, "Heads", AttributeDefaults.Heads),
            FeedForward: Int(transformer, "FeedForward", AttributeDefaults.FeedForward),
            MaxLength: Int(transformer, "MaxLength", AttributeDefaults.MaxLength),
            Vocabulary: Int(transformer, "Vocabulary", AttributeDefaults.Vocabulary),
            PaddingToken: Int(transformer, "PaddingToken", AttributeDefaults.PaddingToken),
            Dropout: Double(transformer, "Dropout", AttributeDefaults.Dropout),
            Task: task,
            Outputs: task == ModelTask.SequenceClassification
                ? Int(sequence, "Classes", AttributeDefaults.Classes)
                : Int(token, "Labels", AttributeDefaults.Labels));

        diagnostics.AddRange(ModelValidator.Validate(spec, locations));
        return new(diagnostics.Count == 0 ? spec : null, diagnostics.ToEquatableArray());
    }

    /// <summary>The class must be one the generator can add a partial Module declaration to.</summary>
    private static void CheckShape(
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

        if (type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>()
                .FirstOrDefault(static d => d.ParameterList is not null) is { ParameterList: { } parameters })
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

        // A base type that does not resolve is the compiler's error (CS0246) alone.
        if (type.BaseType is { SpecialType: not SpecialType.System_Object, TypeKind: not TypeKind.Error } baseType)
        {
            // The base class is written first in some declaration's base list; point there when it is this one.
            var baseLocation = classLocation;
            if (declaration.BaseList?.Types.FirstOrDefault() is { } first
                && semanticModel.GetTypeInfo(first.Type, cancellationToken).Type is { TypeKind: TypeKind.Class })
            {
                baseLocation = LocationInfo.From(first.GetLocation());
            }

            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelHasBaseClass, baseLocation, type.Name, baseType.ToDisplayString()));
        }
        else if (type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>()
                     .SelectMany(static d => d.BaseList?.Types ?? default)
                     .FirstOrDefault(t => t.SyntaxTree == semanticModel.SyntaxTree
                         ? semanticModel.GetTypeInfo(t.Type, cancellationToken).Type?.SpecialType == SpecialType.System_Object
                         : t.Type is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.ObjectKeyword } || t.Type.ToString() is "System.Object" or "global::System.Object") is { } objectBase)
        {
            // ': object' written out is still a base class in a base list, which the generated part's Module base conflicts with.
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelHasBaseClass, LocationInfo.From(objectBase.GetLocation()), type.Name, "object"));
        }
    }

    /// <summary>
    /// The generated part declares constants, properties and fields with fixed names; a class or a member of the user's
    /// part with one of those names would make the generated file fail to compile, far from the cause.
    /// </summary>
    private static void CheckNames(INamedTypeSymbol type, ModelTask task, LocationInfo? classLocation, List<DiagnosticInfo> diagnostics)
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

    private static bool IsModelInterface(INamedTypeSymbol type) => type.ToDisplayString() == "DataMux.IMultiplexedModel";

    private static bool HasOneParameterOf(IMethodSymbol method, string typeName) =>
        method.Parameters.Length == 1 && method.Parameters[0].Type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString() == typeName;

    private static EquatableArray<ContainingType> ContainingTypes(INamedTypeSymbol type)
    {
        var types = new List<ContainingType>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            var keyword = outer switch
            {
                { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
                { IsRecord: true } => "record",
                { TypeKind: TypeKind.Struct } => "struct",
                { TypeKind: TypeKind.Interface } => "interface",
                _ => "class",
            };
            types.Insert(0, new ContainingType(keyword, outer.Name));
        }

        return types.ToEquatableArray();
    }

    private static ArgumentLocations CollectLocations(
        LocationInfo? classLocation,
        CancellationToken cancellationToken,
        params (string MetadataName, AttributeData? Data)[] attributes)
    {
        var entries = new List<ArgumentLocation>();
        foreach (var (metadataName, data) in attributes)
        {
            if (data?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax
                || LocationInfo.From(syntax) is not { } attributeLocation)
            {
                continue;
            }

            var shortName = AttributeNames.ShortName(metadataName);
            entries.Add(new ArgumentLocation(shortName, string.Empty, attributeLocation));
            foreach (var argument in syntax.ArgumentList?.Arguments ?? default)
            {
                if (argument.NameEquals is { } name && LocationInfo.From(argument) is { } argumentLocation)
                {
                    entries.Add(new ArgumentLocation(shortName, name.Name.Identifier.ValueText, argumentLocation));
                }
            }
        }

        return new ArgumentLocations(classLocation, entries.ToEquatableArray());
    }

    /// <summary>The assembly that defines the attributes (src/DataMux).</summary>
    private const string RuntimeAssembly = "DataMux";

    private static bool HasErrors(AttributeData? attribute, CancellationToken cancellationToken) =>
        attribute is not null && (attribute.AttributeConstructor is null
            // An attribute of the same name defined elsewhere (the compiler warns CS0436 and takes it): not ours to read.
            || attribute.AttributeClass?.ContainingAssembly?.Name != RuntimeAssembly
            || attribute.ConstructorArguments.Any(static a => a.Kind == TypedConstantKind.Error)
            || attribute.NamedArguments.Any(static a => a.Value.Kind == TypedConstantKind.Error)
            // A named argument that binds to no property (a typo: Hiden = 16) is left out of NamedArguments.
            || (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList: { } list }
                && list.Arguments.Count != attribute.ConstructorArguments.Length + attribute.NamedArguments.Length));

    private static bool IsAccessibility(SyntaxToken modifier) =>
        modifier.IsKind(SyntaxKind.PublicKeyword) || modifier.IsKind(SyntaxKind.InternalKeyword)
        || modifier.IsKind(SyntaxKind.ProtectedKeyword) || modifier.IsKind(SyntaxKind.PrivateKeyword);

    private static bool TryGet(AttributeData? attribute, string name, out TypedConstant value)
    {
        foreach (var argument in attribute?.NamedArguments ?? default)
        {
            if (argument.Key == name && argument.Value.Value is not null)
            {
                value = argument.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static int Int(AttributeData? attribute, string name, int fallback) =>
        TryGet(attribute, name, out var value) && value.Value is int number ? number : fallback;

    private static double Double(AttributeData? attribute, string name, double fallback) =>
        TryGet(attribute, name, out var value) && value.Value is double number ? number : fallback;

    /// <summary>The enum member's name; a value with no member (<c>(Mux)42</c>) comes back as its number for the validator to reject.</summary>
    private static string EnumMember(AttributeData? attribute, string name, string fallback)
    {
        if (!TryGet(attribute, name, out var value))
        {
            return fallback;
        }

        var member = value.Type?.GetMembers()
            .OfType<IFieldSymbol>()
            .FirstOrDefault(field => field.HasConstantValue && Equals(field.ConstantValue, value.Value));
        return member?.Name ?? Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? string.Empty;
    }
}
