using System;
using System.IO;
using System.Linq;
using DataMux.Generators.Diagnostics;
using DataMux.Generators.Parsing;
using DataMux.Generators.Validation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DataMux.Generators.Tests;

/// <summary>The diagnostic catalogue is tracked, documented and tested; the generator's defaults match the runtime's.</summary>
public sealed class CatalogueTests
{
    private static readonly string Root = DataMux.Testing.RepositoryPaths.Root;

    [Fact]
    public void Every_diagnostic_has_a_unique_id_the_right_severity_and_names_its_docs_page()
    {
        var all = DiagnosticDescriptors.All;
        Assert.Equal(all.Length, all.Select(d => d.Id).Distinct().Count());
        Assert.Equal(
            typeof(DiagnosticDescriptors).GetFields().Count(f => f.FieldType == typeof(DiagnosticDescriptor)),
            all.Length);
        Assert.All(all, d =>
        {
            Assert.Matches("^DMX[0-9]{4}$", d.Id);
            Assert.Equal("DataMux", d.Category);
            // The generator's are errors; the configuration analyzer's, and only those, warnings.
            var analyzed = new DataMux.Generators.Analyzers.ConfigurationAnalyzer().SupportedDiagnostics.Contains(d);
            Assert.Equal(analyzed ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, d.DefaultSeverity);
            Assert.Equal("", d.HelpLinkUri);   // no address that does not exist
            Assert.Contains($"See {d.Id}.md in docs/diagnostics of the DataMux package", d.Description.ToString());
        });
    }

    [Fact]
    public void Every_diagnostic_is_tracked_in_the_unshipped_release()
    {
        var unshipped = File.ReadAllLines(Path.Combine(Root, "generators/DataMux.Generators/AnalyzerReleases.Unshipped.md"));
        Assert.All(DiagnosticDescriptors.All, d =>
            Assert.Contains($"{d.Id} | DataMux | {d.DefaultSeverity} | {d.Title}", unshipped));
    }

    [Fact]
    public void Every_diagnostic_has_a_docs_page_with_its_message_format()
    {
        Assert.All(DiagnosticDescriptors.All, d =>
        {
            var page = Path.Combine(Root, "docs/diagnostics", d.Id + ".md");
            Assert.True(File.Exists(page), $"Missing {page}");
            var text = File.ReadAllText(page);
            Assert.StartsWith($"# {d.Id}", text);
            Assert.Contains(d.MessageFormat.ToString(), text);
        });
    }

    [Fact]
    public void Every_diagnostic_has_a_test()
    {
        var tests = File.ReadAllText(Path.Combine(Root, "tests/DataMux.Generators.Tests/DiagnosticTests.cs"))
            + File.ReadAllText(Path.Combine(Root, "tests/DataMux.Generators.Tests/WarningTests.cs"));
        Assert.All(DiagnosticDescriptors.All, d => Assert.Contains($"void {d.Id}_", tests));
    }

    [Fact]
    public void Generator_defaults_match_the_runtime_attributes()
    {
        var multiplexed = new MultiplexedAttribute();
        var transformer = new TransformerAttribute();
        // [Backbone] shares [Transformer]'s defaults for the values both have (the generator reads both with one table).
        var backbone = new BackboneAttribute(typeof(object));
        Assert.Equal(AttributeDefaults.Hidden, backbone.Hidden);
        Assert.Equal(AttributeDefaults.MaxLength, backbone.MaxLength);
        Assert.Equal(AttributeDefaults.Vocabulary, backbone.Vocabulary);
        Assert.Equal(AttributeDefaults.PaddingToken, backbone.PaddingToken);
        Assert.Equal(AttributeDefaults.Dropout, backbone.Dropout);
        Assert.Equal(AttributeDefaults.N, multiplexed.N);
        Assert.Equal(AttributeDefaults.Mux, multiplexed.Mux.ToString());
        Assert.Equal(AttributeDefaults.Demux, multiplexed.Demux.ToString());
        Assert.Equal(AttributeDefaults.Seed, multiplexed.Seed);
        Assert.Equal(AttributeDefaults.MuxNorm, multiplexed.MuxNorm);
        Assert.Equal(AttributeDefaults.LearnMux, multiplexed.LearnMux);
        Assert.Equal(AttributeDefaults.Reembed, multiplexed.Reembed);
        Assert.Equal(AttributeDefaults.InputShortcut, multiplexed.InputShortcut);
        Assert.Equal(AttributeDefaults.Layers, transformer.Layers);
        Assert.Equal(AttributeDefaults.Hidden, transformer.Hidden);
        Assert.Equal(AttributeDefaults.Heads, transformer.Heads);
        Assert.Equal(AttributeDefaults.FeedForward, transformer.FeedForward);
        Assert.Equal(AttributeDefaults.MaxLength, transformer.MaxLength);
        Assert.Equal(AttributeDefaults.Vocabulary, transformer.Vocabulary);
        Assert.Equal(AttributeDefaults.PaddingToken, transformer.PaddingToken);
        Assert.Equal(AttributeDefaults.Dropout, transformer.Dropout);
        Assert.Equal(AttributeDefaults.Classes, new SequenceClassificationAttribute().Classes);
        Assert.Equal(AttributeDefaults.Labels, new TokenClassificationAttribute().Labels);
    }

    [Fact]
    public void Generator_knows_every_runtime_mux_and_demux()
    {
        Assert.Equal(Enum.GetNames<Mux>(), Enum.GetNames<DataMux.Generators.Models.MuxKind>());
        Assert.Equal(Enum.GetNames<Demux>(), Enum.GetNames<DataMux.Generators.Models.DemuxKind>());
    }
}
