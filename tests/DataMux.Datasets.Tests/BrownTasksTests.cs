using System;
using System.Linq;
using DataMux.Datasets.Brown;
using Xunit;

namespace DataMux.Datasets.Tests;

public sealed class BrownTasksTests
{
    [Theory]
    [InlineData("nn", "NOUN")]
    [InlineData("nns$", "NOUN")]
    [InlineData("np-tl", "NOUN")]
    [InlineData("vbd", "VERB")]
    [InlineData("bez*", "VERB")]
    [InlineData("hvz", "VERB")]
    [InlineData("md", "VERB")]
    [InlineData("jjr", "ADJ")]
    [InlineData("wrb", "ADV")]
    [InlineData("ql", "ADV")]
    [InlineData("in", "ADP")]
    [InlineData("at", "DET")]
    [InlineData("wdt", "DET")]
    [InlineData("pps+bez", "PRON")]
    [InlineData("cc", "CONJ")]
    [InlineData("cd", "NUM")]
    [InlineData("to", "PRT")]
    [InlineData(".", ".")]
    [InlineData("``", ".")]
    [InlineData("*", ".")]
    [InlineData("fw-in", "X")]
    [InlineData("uh", "X")]
    public void Brown_tags_map_to_the_twelve_coarse_tags(string brown, string coarse)
    {
        Assert.Equal(coarse, BrownTagset.ToCoarse(brown));
        Assert.Equal(coarse, BrownTagset.Coarse[BrownTagset.Label(brown)]);
    }

    [Fact]
    public void Every_tag_of_the_corpus_maps_and_every_coarse_tag_occurs()
    {
        var sentences = BrownCorpus.Load();
        var coarse = sentences.SelectMany(s => s.Tags).Select(BrownTagset.ToCoarse).ToHashSet();
        Assert.Equal(BrownTagset.Coarse.Order(), coarse.Order());
    }

    [Fact]
    public void The_split_by_document_holds_out_every_tenth_document_from_the_first()
    {
        var sentences = BrownCorpus.Load();
        var split = BrownCorpus.SplitByDocument(sentences);

        var held = split.Test.Select(s => s.Document).Distinct().ToList();
        Assert.Equal(50, held.Count);
        Assert.Equal(["ca01", "ca11", "ca21"], held.Take(3));
        Assert.Empty(split.Train.Select(s => s.Document).Intersect(held));
        Assert.Equal(sentences.Count, split.Train.Count + split.Test.Count);
        Assert.Contains("at least two documents", Assert.Throws<ArgumentException>(() => BrownCorpus.SplitByDocument(sentences.Where(s => s.Document == "ca01").ToList())).Message);
    }

    [Theory]
    [InlineData("ca01", 0)]
    [InlineData("cj70", 0)]
    [InlineData("ck01", 1)]
    [InlineData("cr09", 1)]
    public void Genre_is_informative_for_a_to_j_and_imaginative_for_k_to_r(string document, int label)
    {
        Assert.Equal(label, BrownCorpus.ImaginativeProse(document));
    }

    [Fact]
    public void A_document_name_that_is_not_brown_is_refused()
    {
        Assert.Contains("ca01 or cr09", Assert.Throws<ArgumentException>(() => BrownCorpus.ImaginativeProse("cs01")).Message);
    }
}
