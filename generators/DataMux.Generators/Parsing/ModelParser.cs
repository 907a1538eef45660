using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DataMux.Generators.Diagnostics;
using DataMux.Generators.Models;
using DataMux.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DataMux.Generators.Parsing;

/// <summary>
/// Reads one [Multiplexed] class into a <see cref="ParseResult"/>: checks the declaration, finds our attributes and where
/// their arguments are written, hands the values to <see cref="ModelSpecBuilder"/> and the result to the validator.
/// This and the builder are the only places that touch symbols and syntax; what leaves them is plain, equatable data.
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

        if (ReferenceAliases.Check(type, context.Attributes[0], context.SemanticModel.Compilation, classLocation) is { } aliasOnly)
        {
            return new(null, new[] { aliasOnly }.ToEquatableArray());
        }

        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword) && type.DeclaringSyntaxReferences.Length > 1)
        {
            // Another declaration of the class is partial (CS0260) or none is and there are two (CS0101): the compiler's.
            return Nothing;
        }

        var diagnostics = new List<DiagnosticInfo>();
        DeclarationChecks.CheckShape(type, declaration, context.SemanticModel, classLocation, diagnostics, cancellationToken);

        var multiplexed = context.Attributes[0];
        AttributeData? sequence = null, token = null, mlp = null, cnn = null, image = null;
        var seen = new HashSet<string>();
        // Backbones in the order written, so that a second one is reported where it is written.
        var backbones = new List<(string Name, AttributeData Data)>();
        foreach (var attribute in type.GetAttributes())
        {
            var name = attribute.AttributeClass?.ToDisplayString();
            if ((name is AttributeNames.Multiplexed or AttributeNames.SequenceClassification or AttributeNames.TokenClassification
                     or AttributeNames.ImageClassification
                 || System.Array.IndexOf(AttributeNames.Backbones, name) >= 0)
                && !seen.Add(name!))
            {
                // The same attribute twice (on one declaration or on two partial parts) is the compiler's CS0579; which
                // one to believe is not ours to guess, and generating twice would give two files for one class. What the
                // declaration checks found stands beside it: the user sees every problem at once, not one per build.
                return new(null, diagnostics.ToEquatableArray());
            }

            if (System.Array.IndexOf(AttributeNames.Backbones, name) >= 0) backbones.Add((name!, attribute));
            switch (name)
            {
                case AttributeNames.Mlp: mlp = attribute; break;
                case AttributeNames.Cnn: cnn = attribute; break;
                case AttributeNames.SequenceClassification: sequence = attribute; break;
                case AttributeNames.TokenClassification: token = attribute; break;
                case AttributeNames.ImageClassification: image = attribute; break;
            }
        }

        // A malformed argument (wrong type, not a constant, no such constructor) is already a compiler error; adding
        // ours would only repeat it.
        if (new[] { multiplexed, sequence, token, image }.Concat(backbones.Select(static b => b.Data)).Any(a => AttributeValues.HasErrors(a, cancellationToken)))
        {
            return new(null, diagnostics.ToEquatableArray());
        }

        var locations = CollectLocations(classLocation, cancellationToken,
            new[] { (AttributeNames.Multiplexed, (AttributeData?)multiplexed) }
                .Concat(backbones.Select(static b => (b.Name, (AttributeData?)b.Data)))
                .Append((AttributeNames.SequenceClassification, sequence))
                .Append((AttributeNames.TokenClassification, token))
                .Append((AttributeNames.ImageClassification, image))
                .ToArray());
        var multiplexedName = AttributeNames.ShortName(AttributeNames.Multiplexed);

        if (backbones.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingBackbone, locations.Of(multiplexedName), type.Name));
        }
        else if (backbones.Count > 1)
        {
            // Reported on the second backbone attribute in source order: the first one reads as the model's choice.
            var (first, second) = (AttributeNames.ShortName(backbones[0].Name), AttributeNames.ShortName(backbones[1].Name));
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConflictingBackbones, locations.Of(second), type.Name, first, second));
        }

        var tasks = new[] { sequence, token, image }.Count(static t => t is not null);
        if (tasks == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingTask, locations.Of(multiplexedName), type.Name));
        }
        else if (backbones.Count == 1 && !TasksFit(backbones[0].Name, sequence, token, image, locations, diagnostics))
        {
            // Reported per task that does not fit (DMX0031).
        }
        else if (sequence is not null && token is not null)
        {
            var tokenName = AttributeNames.ShortName(AttributeNames.TokenClassification);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConflictingTasks, locations.Of(tokenName), type.Name));
        }

        if (backbones.Count != 1 || tasks != 1 || diagnostics.Any(static d => d.Descriptor.Id == DiagnosticDescriptors.TaskDoesNotFitBackbone.Id))
        {
            return new(null, diagnostics.ToEquatableArray());
        }

        if (mlp is not null || cnn is not null)
        {
            var imageBackbone = mlp is not null ? BackboneKind.Mlp : BackboneKind.Cnn;
            DeclarationChecks.CheckNames(type, ModelTask.ImageClassification, classLocation, diagnostics);
            var imageSpec = ModelSpecBuilder.BuildImage(type, declaration, imageBackbone, multiplexed, (mlp ?? cnn)!, image!, locations, diagnostics);
            diagnostics.AddRange(ModelValidator.Validate(imageSpec, locations));
            return new(diagnostics.Count == 0 ? imageSpec : null, diagnostics.ToEquatableArray());
        }

        var task = sequence is not null ? ModelTask.SequenceClassification : ModelTask.TokenClassification;
        DeclarationChecks.CheckNames(type, task, classLocation, diagnostics);
        var (backboneName, backbone) = backbones[0];
        BackboneType? userBackboneType = null;
        if (backboneName == AttributeNames.Backbone)
        {
            userBackboneType = BackboneChecks.Read(backbone, type, context.SemanticModel.Compilation, locations, diagnostics);
            if (userBackboneType is null) return new(null, diagnostics.ToEquatableArray());
        }

        var spec = ModelSpecBuilder.Build(type, declaration, task, multiplexed, backbone, userBackboneType, sequence ?? token!, locations, diagnostics);
        diagnostics.AddRange(ModelValidator.Validate(spec, locations));
        return new(diagnostics.Count == 0 ? spec : null, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// Whether the task attributes present fit the backbone: text tasks go with [Transformer] and [Backbone], [ImageClassification] with
    /// [Mlp] and [Cnn]. Every one that does not fit is DMX0031 on that task attribute.
    /// </summary>
    private static bool TasksFit(string backbone, AttributeData? sequence, AttributeData? token, AttributeData? image, ArgumentLocations locations, List<DiagnosticInfo> diagnostics)
    {
        var backboneName = AttributeNames.ShortName(backbone);
        var isText = backbone is AttributeNames.Transformer or AttributeNames.Backbone;
        var fits = true;
        foreach (var (name, data, textTask) in new[]
                 {
                     (AttributeNames.SequenceClassification, sequence, true),
                     (AttributeNames.TokenClassification, token, true),
                     (AttributeNames.ImageClassification, image, false),
                 })
        {
            if (data is null || textTask == isText) continue;
            fits = false;
            var taskName = AttributeNames.ShortName(name);
            var why = isText
                ? $"[{backboneName}] reads token ids; use [SequenceClassification] or [TokenClassification], or an image backbone ([Mlp], [Cnn]) for images"
                : $"[{backboneName}] reads float inputs, not tokens; use [ImageClassification], or [Transformer] for text";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TaskDoesNotFitBackbone, locations.Of(taskName), taskName, backboneName, why));
        }

        return fits;
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
            var parameters = data.AttributeConstructor?.Parameters ?? default;
            var position = 0;
            foreach (var argument in syntax.ArgumentList?.Arguments ?? default)
            {
                if (argument.NameEquals is { } name && LocationInfo.From(argument) is { } argumentLocation)
                {
                    entries.Add(new ArgumentLocation(shortName, name.Name.Identifier.ValueText, argumentLocation));
                }
                else if (argument.NameEquals is null && LocationInfo.From(argument) is { } positionalLocation)
                {
                    // A constructor argument ([Backbone(typeof(T))]) goes under its parameter's name.
                    var parameter = argument.NameColon?.Name.Identifier.ValueText
                        ?? (!parameters.IsDefault && position < parameters.Length ? parameters[position].Name : string.Empty);
                    position++;
                    if (parameter.Length > 0) entries.Add(new ArgumentLocation(shortName, parameter, positionalLocation));
                }
            }
        }

        return new ArgumentLocations(classLocation, entries.ToEquatableArray());
    }
}
