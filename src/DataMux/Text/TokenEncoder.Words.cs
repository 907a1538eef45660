using System;
using System.Collections.Generic;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Text;

public sealed partial class TokenEncoder
{
    /// <summary>
    /// Encodes sentences given as words with one label per word, for token tasks (tagging) with a sub-word tokenizer:
    /// every word is split into pieces (with the space before it that the tokenizer expects inside a sentence), its first
    /// piece carries the word's label and the other pieces <paramref name="ignoredLabel"/>, as do padding positions. A
    /// sentence whose pieces do not fit <see cref="MaxLength"/> keeps its first whole words' pieces (a word is never
    /// split across the cut) and is counted in the report; a word the tokenizer turns into no piece at all is an error,
    /// since its label would be lost.
    /// </summary>
    /// <param name="sentences">At least one sentence of at least one word.</param>
    /// <param name="labels">One label per word of every sentence.</param>
    /// <param name="ignoredLabel">The label of positions that count in neither loss nor accuracy (the trainer's IgnoreLabel).</param>
    public (Tensor Tokens, Tensor Labels, EncodingReport Report) EncodeLabelledWords(
        IReadOnlyList<IReadOnlyList<string>> sentences, IReadOnlyList<IReadOnlyList<long>> labels, long ignoredLabel = -100)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(labels);
        if (sentences.Count == 0) throw new ArgumentException("Expected at least one sentence.", nameof(sentences));
        if (labels.Count != sentences.Count) throw new ArgumentException($"Expected one label list per sentence ({sentences.Count}), but got {labels.Count}.", nameof(labels));
        if ((long)sentences.Count * MaxLength > Array.MaxLength)
            throw new ArgumentException($"Expected at most {Array.MaxLength / MaxLength} sentences per call at MaxLength {MaxLength}, but got {sentences.Count}; encode them in parts.", nameof(sentences));

        var tokens = new long[sentences.Count * MaxLength];
        var targets = new long[tokens.Length];
        Array.Fill(targets, ignoredLabel);
        var (truncated, dropped, unknown, kept) = (0, 0L, 0L, 0L);
        for (var row = 0; row < sentences.Count; row++)
        {
            var words = sentences[row] ?? throw new ArgumentException($"Expected no null sentences, but sentence {row} is null.", nameof(sentences));
            var wordLabels = labels[row];
            if (words.Count == 0) throw new ArgumentException($"Expected sentences of at least one word, but sentence {row} is empty.", nameof(sentences));
            if (wordLabels is null || wordLabels.Count != words.Count)
                throw new ArgumentException($"Expected one label per word, but sentence {row} has {words.Count} words and {wordLabels?.Count.ToString(CultureInfo.InvariantCulture) ?? "null"} labels.", nameof(labels));

            var position = 0;
            for (var w = 0; w < words.Count; w++)
            {
                var word = words[w] ?? throw new ArgumentException($"Expected no null words, but sentence {row} holds one.", nameof(sentences));
                var pieces = tokenizer.EncodeToIds(w == 0 ? word : " " + word);
                if (pieces.Count == 0)
                    throw new ArgumentException($"The tokenizer turns word {w} of sentence {row} ('{word}') into no token, so its label would be lost.", nameof(sentences));
                if (position + pieces.Count > MaxLength)
                {
                    truncated++;
                    for (var rest = w; rest < words.Count; rest++) dropped += rest == w ? pieces.Count : tokenizer.EncodeToIds(" " + words[rest]).Count;
                    break;
                }

                targets[row * MaxLength + position] = wordLabels[w];
                foreach (var piece in pieces)
                {
                    var id = compact.TryGetValue(piece, out var known) ? known : UnknownId;
                    if (id == UnknownId) unknown++;
                    tokens[row * MaxLength + position++] = id;
                    kept++;
                }
            }
        }

        var shape = new long[] { sentences.Count, MaxLength };
        return (torch.tensor(tokens, shape), torch.tensor(targets, shape), new EncodingReport(sentences.Count, truncated, dropped, unknown, kept));
    }
}
