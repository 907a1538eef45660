using System;
using System.Collections.Generic;
using System.Linq;
using DataMux.Text;
using Microsoft.ML.Tokenizers;
using TorchSharp;
using DataMux.Testing;
using Xunit;

namespace DataMux.Tests;

public class TokenEncoderTests
{
    private static readonly Tokenizer Gpt2 = TiktokenTokenizer.CreateForModel("gpt2");

    private static readonly string[] Training =
    {
        "the movie was great and the acting was great",
        "the plot was thin but the music was fine",
        "great great great",
    };

    [Fact]
    public void Keeps_the_most_frequent_tokens_and_maps_the_rest_to_unknown()
    {
        var encoder = TokenEncoder.Fit(Gpt2, Training, vocabulary: 5, maxLength: 8);
        Assert.Equal(3, encoder.KnownTokens);
        // Frequencies: " great" 4, " was" 4 ... ties broken by tokenizer id, so recompute the expected order.
        var counts = Training.SelectMany(t => Gpt2.EncodeToIds(t)).GroupBy(id => id)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).Take(3).ToArray();
        var ids = encoder.EncodeIds(Gpt2.Decode(counts)!);
        Assert.Equal(new long[] { 2, 3, 4 }, ids);
        Assert.Equal(new[] { TokenEncoder.UnknownId }, encoder.EncodeIds(" zebra").Distinct());
    }

    [Fact]
    public void Encode_pads_truncates_and_keeps_row_order()
    {
        var encoder = TokenEncoder.Fit(Gpt2, Training, vocabulary: 50, maxLength: 4);
        using var tokens = encoder.Encode(new[] { "great", "the movie was great and the acting", "the" });
        Assert.Equal(new long[] { 3, 4 }, tokens.shape);
        Assert.Equal(torch.int64, tokens.dtype);
        var rows = Enumerable.Range(0, 3).Select(r => tokens[r].data<long>().ToArray()).ToArray();
        Assert.Equal(new long[] { 0, 0, 0 }, rows[0].Skip(1));          // one token, then padding
        Assert.All(rows[1], id => Assert.True(id >= 2));                 // truncated to 4 known tokens
        Assert.Equal(encoder.EncodeIds("the movie was great"), rows[1]);
        Assert.Equal(encoder.EncodeIds("the"), rows[2].Take(1));
        Assert.True(tokens.max().item<long>() < encoder.Vocabulary);
    }

    [Fact]
    public void Encode_names_a_null_text()
    {
        var encoder = TokenEncoder.Fit(Gpt2, Training, vocabulary: 9, maxLength: 5);

        var error = Assert.Throws<ArgumentException>(() => encoder.Encode(["a movie", "great", null!]));

        Assert.Contains("text 2 is null", error.Message);
    }

    [Fact]
    public void Fit_is_deterministic_and_validates_arguments()
    {
        var a = TokenEncoder.Fit(Gpt2, Training, 10, 6).Encode(Training);
        var b = TokenEncoder.Fit(Gpt2, Training.Reverse(), 10, 6).Encode(Training);
        Assert.True(a.Same(b));
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenEncoder.Fit(Gpt2, Training, 2, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenEncoder.Fit(Gpt2, Training, 10, 0));
        Assert.Throws<ArgumentException>(() => TokenEncoder.Fit(Gpt2, Training, 10, 6).Encode(Array.Empty<string>()));
        var empty = Assert.Throws<ArgumentException>(() => TokenEncoder.Fit(Gpt2, new[] { "", "" }, 10, 6));
        Assert.Contains("got 2 text(s) without any", empty.Message);
        Assert.Throws<ArgumentException>(() => TokenEncoder.Fit(Gpt2, Array.Empty<string>(), 10, 6));
    }

    [Fact]
    public void A_saved_encoder_loads_with_the_same_ids()
    {
        var encoder = TokenEncoder.Fit(Gpt2, Training, vocabulary: 9, maxLength: 5);
        using var file = new TemporaryFile();
        encoder.Save(file.Path);

        var loaded = TokenEncoder.Load(Gpt2, file.Path);

        Assert.Equal((encoder.Vocabulary, encoder.MaxLength, encoder.KnownTokens), (loaded.Vocabulary, loaded.MaxLength, loaded.KnownTokens));
        var texts = Training.Append("a zebra was great").ToArray();
        using var expected = encoder.Encode(texts);
        using var actual = loaded.Encode(texts);
        Assert.True(actual.equal(expected).all().item<bool>());
        Assert.Contains(TokenEncoder.UnknownId, actual.data<long>().ToArray());
    }

    [Theory]
    [InlineData("", "to start with 'DataMux.TokenEncoder 3 vocabulary=V maxLength=L tokenizer=F'")]
    [InlineData("DataMux.TokenEncoder 1 vocabulary=9 maxLength=4", "to start with")]
    [InlineData("DataMux.TokenEncoder 2 vocabulary=9 maxLength=4 tokenizer=GPT2:0\n7", "saved in format 2")]
    [InlineData("DataMux.TokenEncoder 3 vocabulary=2 maxLength=4 tokenizer=GPT2", "(V >= 3, L >= 1)")]
    [InlineData("DataMux.TokenEncoder 3 vocabulary=4 maxLength=4 tokenizer=GPT2\n7\n8\n9", "Expected 1 to 2 tokenizer ids")]
    [InlineData("DataMux.TokenEncoder 3 vocabulary=4 maxLength=4 tokenizer=GPT2", "Expected 1 to 2 tokenizer ids")]
    [InlineData("DataMux.TokenEncoder 3 vocabulary=9 maxLength=4 tokenizer=GPT2\n7\nseven", "on line 3")]
    [InlineData("DataMux.TokenEncoder 3 vocabulary=9 maxLength=4 tokenizer=GPT2\n7\n7", "each once) on line 3")]
    public void A_damaged_encoder_file_is_an_error_naming_what_was_expected(string content, string expected)
    {
        using var file = new TemporaryFile();
        // Every case fails before the tokenizer check, which needs the ids: the fingerprint field's value is not read.
        System.IO.File.WriteAllText(file.Path, content);

        var error = Assert.Throws<System.IO.InvalidDataException>(() => TokenEncoder.Load(Gpt2, file.Path));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_model_must_read_the_encoders_padding_vocabulary_and_length()
    {
        var model = FourWaySentenceModel.Configuration;   // padding 0, vocabulary 20, 8 tokens
        var fitted = TokenEncoder.Fit(Gpt2, Training, model);
        Assert.Equal((20, 8), (fitted.Vocabulary, fitted.MaxLength));
        fitted.EnsureFits(model);

        var padding = Assert.Throws<ArgumentException>(() => fitted.EnsureFits(model with { PaddingToken = 1 }));
        Assert.Contains("PaddingToken is the encoder's padding id 0, but FourWaySentenceModel has PaddingToken = 1", padding.Message);
        Assert.Throws<ArgumentException>(() => TokenEncoder.Fit(Gpt2, Training, model with { PaddingToken = 1 }));
        var larger = TokenEncoder.Fit(Gpt2, Training, vocabulary: 21, maxLength: 8);
        var vocabulary = Assert.Throws<ArgumentException>(() => larger.EnsureFits(model));
        Assert.Contains("ids below 21 and rows of 8 tokens, but FourWaySentenceModel has Vocabulary = 20 and MaxLength = 8", vocabulary.Message);
        Assert.Throws<ArgumentException>(() => TokenEncoder.Fit(Gpt2, Training, vocabulary: 20, maxLength: 9).EnsureFits(model));
    }

    [Fact]
    public void A_saved_encoder_refuses_another_tokenizer()
    {
        using var file = new TemporaryFile();
        TokenEncoder.Fit(Gpt2, Training, vocabulary: 9, maxLength: 5).Save(file.Path);
        // A real tokenizer of another kind: WordPiece over a small vocabulary.
        using var vocabulary = new System.IO.MemoryStream(System.Text.Encoding.UTF8.GetBytes("[UNK]\nthe\nquick\nbrown\nfox\n##s\n"));
        var other = WordPieceTokenizer.Create(vocabulary);

        var error = Assert.Throws<ArgumentException>(() => TokenEncoder.Load(other, file.Path));

        Assert.Contains("Expected the tokenizer", error.Message);
        Assert.Contains("but got one that tokenizes differently", error.Message);
    }

    [Fact]
    public void A_saved_encoder_refuses_a_tokenizer_that_numbers_the_same_tokens_otherwise()
    {
        // Two WordPiece vocabularies that differ only in the order of "good" and "bad": every probe word is [UNK] in
        // both, so they split any text alike, but each gives the other's id to "good" and "bad".
        static WordPieceTokenizer Vocabulary(string words) =>
            WordPieceTokenizer.Create(new System.IO.MemoryStream(System.Text.Encoding.UTF8.GetBytes(words)));
        var fitted = Vocabulary("[UNK]\ngood\nmovie\nbad\n");
        var reordered = Vocabulary("[UNK]\nbad\nmovie\ngood\n");
        using var file = new TemporaryFile();
        TokenEncoder.Fit(fitted, ["good movie", "bad movie", "good good"], vocabulary: 10, maxLength: 4).Save(file.Path);

        var error = Assert.Throws<ArgumentException>(() => TokenEncoder.Load(reordered, file.Path));

        Assert.Contains("tokenizes differently", error.Message);
        Assert.Equal(3, TokenEncoder.Load(Vocabulary("[UNK]\ngood\nmovie\nbad\n"), file.Path).KnownTokens);
    }

    [Fact]
    public void Word_labels_go_to_each_words_first_piece_and_the_other_pieces_are_ignored()
    {
        var encoder = TokenEncoder.Fit(Gpt2, ["the supercalifragilistic good movie", "good movie"], vocabulary: 50, maxLength: 16);
        var words = new[] { "the", "supercalifragilistic", "good", "movie" };
        var pieces = words.Select((w, i) => Gpt2.EncodeToIds(i == 0 ? w : " " + w).Count).ToArray();
        Assert.True(pieces[1] > 1, "the test needs a word of several pieces");

        var (tokens, labels, report) = encoder.EncodeLabelledWords([words], [[0, 1, 2, 3]]);

        var expected = new List<long>();
        for (var w = 0; w < words.Length; w++) { expected.Add(w); expected.AddRange(Enumerable.Repeat(-100L, pieces[w] - 1)); }
        expected.AddRange(Enumerable.Repeat(-100L, 16 - expected.Count));
        Assert.Equal(expected, labels[0].data<long>().ToArray());
        Assert.Equal(pieces.Sum(), report.KeptTokens);
        Assert.Equal(0, report.TruncatedRows);
        Assert.Equal(encoder.EncodeIds("the supercalifragilistic good movie").Take(pieces.Sum()), tokens[0].data<long>().Take(pieces.Sum()));
    }

    [Fact]
    public void A_sentence_longer_than_the_rows_keeps_whole_words_and_is_counted()
    {
        var encoder = TokenEncoder.Fit(Gpt2, ["the supercalifragilistic good movie"], vocabulary: 50, maxLength: 3);
        var (_, labels, report) = encoder.EncodeLabelledWords([["the", "supercalifragilistic", "good"]], [[5, 6, 7]]);

        Assert.Equal(1, report.TruncatedRows);
        Assert.True(report.DroppedTokens > 0);
        Assert.Equal(5, labels[0, 0].item<long>());
        Assert.DoesNotContain(7L, labels[0].data<long>().ToArray());   // "good" did not fit whole
        var mismatch = Assert.Throws<ArgumentException>(() => encoder.EncodeLabelledWords([["the", "movie"]], [[1]]));
        Assert.Contains("sentence 0 has 2 words and 1 labels", mismatch.Message);
    }

    [Fact]
    public void A_reported_encoding_counts_cut_texts_and_unknown_tokens()
    {
        var encoder = TokenEncoder.Fit(Gpt2, Training, vocabulary: 6, maxLength: 4);
        var (tokens, report) = encoder.EncodeReported(["great", "the movie was great and the acting", "zebra"]);

        Assert.Equal(new long[] { 3, 4 }, tokens.shape);
        Assert.Equal(1, report.TruncatedRows);
        Assert.Equal(Gpt2.CountTokens("the movie was great and the acting") - 4, report.DroppedTokens);
        Assert.Equal(tokens.ne(0L.ToScalar()).sum().item<long>(), report.KeptTokens);
        Assert.True(report.UnknownTokens >= 1);   // zebra
    }

    /// <summary>A file name in a temporary folder of the test's own, deleted afterwards with its folder.</summary>
    private sealed class TemporaryFile : IDisposable
    {
        private readonly TemporaryFolder folder = new("dmx-encoder-");

        public string Path => folder.File("vocabulary.txt");

        public void Dispose() => folder.Dispose();
    }
}
