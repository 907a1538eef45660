using System.IO;
using System.Linq;
using DataMux.Datasets.Sentiment;
using Xunit;

namespace DataMux.Datasets.Tests;

public sealed class SentimentSentencesTests
{
    [Fact]
    public void Load_returns_the_3000_labelled_sentences_balanced_per_source()
    {
        var records = SentimentSentences.Load();

        Assert.Equal(3000, records.Count);
        Assert.All(records, r => Assert.False(string.IsNullOrWhiteSpace(r.Text)));
        Assert.All(records, r => Assert.Contains(r.Label, new[] { 0, 1 }));
        foreach (var source in SentimentSentences.Sources)
        {
            var fromSource = records.Where(r => r.Source == source).ToList();
            Assert.Equal(1000, fromSource.Count);
            Assert.Equal(500, fromSource.Count(r => r.Label == 1));
        }
        // Spot-check against the published files: the first Amazon sentence and its label.
        Assert.Equal("So there is no way for me to plug it in here in the US unless I go by a converter.", records[0].Text);
        Assert.Equal(0, records[0].Label);
    }

    [Fact]
    public void Parse_drops_only_the_trailing_empty_record()
    {
        var records = SentimentSentences.Parse("""[{"text":"Great.","class":1},{"text":"Bad.","class":0},{"text":"","class":null}]""", "amazon");

        Assert.Equal(new[] { "Great.", "Bad." }, records.Select(r => r.Text));
        Assert.Equal(new[] { 1, 0 }, records.Select(r => r.Label));
    }

    [Theory]
    [InlineData("""[{"text":"","class":null},{"text":"Bad.","class":0}]""", "record 0")]
    [InlineData("""[{"text":"Great.","class":2}]""", "class 0 or 1")]
    [InlineData("""[{"sentence":"Great.","label":1}]""", "record 0")]
    [InlineData("""{"text":"Great.","class":1}""", "JSON array")]
    [InlineData("""not json""", "Expected JSON")]
    public void Parse_rejects_a_different_format_with_a_clear_message(string json, string expectedFragment)
    {
        var error = Assert.Throws<InvalidDataException>(() => SentimentSentences.Parse(json, "yelp"));

        Assert.Contains(expectedFragment, error.Message);
        Assert.Contains("yelp", error.Message);
    }
}
