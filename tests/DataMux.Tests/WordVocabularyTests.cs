using System;
using System.Collections.Generic;
using System.Linq;
using DataMux.Text;
using Xunit;

namespace DataMux.Tests;

public sealed class WordVocabularyTests
{
    private static readonly string[][] Sentences =
    [
        ["The", "cat", "sat"],
        ["the", "dog", "sat", "down"],
        ["A", "cat"],
    ];

    [Fact]
    public void The_most_frequent_words_get_ids_from_2_ties_by_first_appearance()
    {
        var vocabulary = WordVocabulary.Fit(Sentences, words: 3, maxLength: 4);

        // the 2, cat 2, sat 2 (the seen first), then dog, down, a once each: left out at 3 words.
        Assert.Equal(["the", "cat", "sat"], vocabulary.Words);
        Assert.Equal(5, vocabulary.Vocabulary);
        Assert.Equal(2, vocabulary.Id("THE"));
        Assert.Equal(WordVocabulary.UnknownId, vocabulary.Id("dog"));
    }

    [Fact]
    public void Labelled_rows_are_padded_truncated_and_counted()
    {
        var vocabulary = WordVocabulary.Fit(Sentences, words: 10, maxLength: 3);
        IReadOnlyList<IReadOnlyList<long>> labels = [[1, 2, 3], [4, 5, 6, 7], [8, 9]];

        var (tokens, encoded, report) = vocabulary.EncodeLabelled(Sentences, labels);

        Assert.Equal(new long[] { 3, 3 }, tokens.shape);
        Assert.Equal([2, 3, 4], tokens[0].data<long>().ToArray());           // the cat sat
        Assert.Equal([7, 3, 0], tokens[2].data<long>().ToArray());           // a cat <pad> (a: the sixth word)
        Assert.Equal([8, 9, -100], encoded[2].data<long>().ToArray());        // padding ignored
        Assert.Equal([4, 5, 6], encoded[1].data<long>().ToArray());           // the fourth word cut off
        Assert.Equal(new EncodingReport(3, 1, 1, 0, 8), report);
        Assert.StartsWith("1 of 3 rows longer than 3 were cut (1 tokens dropped)", report.Describe(3));
    }

    [Fact]
    public void Mismatched_or_empty_input_is_refused_with_what_was_expected()
    {
        var vocabulary = WordVocabulary.Fit(Sentences, words: 10, maxLength: 3);

        var counts = Assert.Throws<ArgumentException>(() => vocabulary.EncodeLabelled(Sentences, [[1, 2, 3], [1], [1, 2]]));
        Assert.Contains("sentence 1 has 4 words and 1 labels", counts.Message);
        Assert.Contains("at least one sentence", Assert.Throws<ArgumentException>(() => vocabulary.Encode([])).Message);
        Assert.Contains("sentence 0 is empty", Assert.Throws<ArgumentException>(() => vocabulary.Encode([[]])).Message);
        Assert.Contains("empty or null word", Assert.Throws<ArgumentException>(() => WordVocabulary.Fit([["a", ""]], 5, 3)).Message);
        Assert.Contains("at least one word", Assert.Throws<ArgumentException>(() => WordVocabulary.Fit([], 5, 3)).Message);
    }
}
