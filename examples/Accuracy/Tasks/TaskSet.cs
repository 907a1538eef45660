using System;
using System.Collections.Generic;
using Accuracy.Runs;

namespace Accuracy.Tasks;

/// <summary>The tasks' data of a run, each loaded when a cell first needs it (both Brown tasks at once: they share the corpus).</summary>
internal sealed class TaskSet(RunSettings settings) : IDisposable
{
    private readonly Dictionary<string, TaskData> tasks = new(StringComparer.Ordinal);

    /// <summary>The data of <paramref name="task"/>, loaded (and described on the console) the first time.</summary>
    public TaskData Get(string task)
    {
        if (tasks.TryGetValue(task, out var data)) return data;
        if (task is "pos" or "genre")
        {
            var (pos, genre) = BrownTasks.Load(settings.Validation);
            tasks["pos"] = pos;
            tasks["genre"] = genre;
        }
        else
        {
            tasks[task] = SentimentTask.Load(validation: settings.Validation);
        }

        Console.WriteLine($"{task}: {tasks[task].Description}");
        return tasks[task];
    }

    public void Dispose()
    {
        foreach (var data in tasks.Values) data.Dispose();
    }
}
