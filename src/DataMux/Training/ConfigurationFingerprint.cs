using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;

namespace DataMux.Training;

/// <summary>
/// A model configuration as the <c>name=value</c> pairs a checkpoint records, and the comparison that names what
/// differs, so that weights are never loaded into a model of another shape or method (TorchSharp alone said only
/// "Mismatched state_dict sizes: expected 24, but found 36 entries"). The model's class name is recorded but not
/// compared: the same configuration under another name is the same model.
/// </summary>
internal static class ConfigurationFingerprint
{
    /// <summary>The configuration's values that decide its weights and computation, in declaration order.</summary>
    public static JsonObject Describe(ModelConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var c = configuration;
        var described = new JsonObject
        {
            ["N"] = c.N,
            ["Mux"] = c.Mux.ToString(),
            ["Demux"] = c.Demux.ToString(),
            ["MuxNorm"] = c.MuxNorm.ToString("R", CultureInfo.InvariantCulture),
            ["LearnMux"] = c.LearnMux,
            ["Reembed"] = c.Reembed,
            ["InputShortcut"] = c.InputShortcut,
            ["Seed"] = c.Seed,
            ["Layers"] = c.Layers,
            ["Hidden"] = c.Hidden,
            ["Heads"] = c.Heads,
            ["FeedForward"] = c.FeedForward,
            ["MaxLength"] = c.MaxLength,
            ["Vocabulary"] = c.Vocabulary,
            ["PaddingToken"] = c.PaddingToken,
            ["Dropout"] = c.Dropout.ToString("R", CultureInfo.InvariantCulture),
            ["Task"] = c.Task.ToString(),
            ["Outputs"] = c.Outputs,
        };
        // Only models with a user's backbone record it, so that the files of Transformer models stay as they were.
        if (c.Backbone is not null) described["Backbone"] = c.Backbone;
        // Likewise only models with a context layer record its window.
        if (c.ContextWindow != 0) described["ContextWindow"] = c.ContextWindow;
        return described;
    }

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> naming every value in which <paramref name="recorded"/> (from the
    /// file at <paramref name="path"/>, written by <paramref name="recordedName"/>) differs from <paramref name="configuration"/>.
    /// The seed is not compared: the file's weights, fixed mux transforms included, replace everything it drew.
    /// </summary>
    public static void Check(JsonObject? recorded, string? recordedName, ModelConfiguration configuration, string path)
    {
        var expected = Describe(configuration);
        if (recorded is null)
            throw new InvalidOperationException($"'{path}' records no model configuration, so it cannot be checked against {configuration.ModelName}; it was not written by this library's checkpoint code.");

        var differences = new List<string>();
        foreach (var (name, value) in expected)
        {
            if (name == "Seed") continue;
            var theirs = recorded[name]?.ToJsonString() ?? "(missing)";
            var ours = value?.ToJsonString() ?? "(missing)";
            if (theirs != ours) differences.Add($"{name} is {Plain(theirs)} there and {Plain(ours)} here");
        }

        // Values recorded only when set (Backbone, ContextWindow): the file has one that this configuration does not.
        foreach (var (name, value) in recorded)
        {
            if (!expected.ContainsKey(name)) differences.Add($"{name} is {Plain(value?.ToJsonString() ?? "null")} there and not set here");
        }

        if (differences.Count > 0)
        {
            throw new InvalidOperationException(
                $"'{path}' was written for another model configuration ({recordedName ?? "unnamed"}) than {configuration.ModelName}'s: " +
                string.Join("; ", differences) + ". Load it into a model declared with the same attribute values.");
        }
    }

    private static string Plain(string json) => json.Trim('"');
}
