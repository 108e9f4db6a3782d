using System.Text;
using System.Text.Json;

namespace ConnectedCarMock.MockServer.Tests.Container;

/// <summary>One instruction of a Dockerfile, continuation lines joined.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Line)
{
    public override string ToString() => $"line {Line}: {Keyword} {Arguments}";
}

/// <summary>The instructions from one <c>FROM</c> to the next.</summary>
internal sealed class DockerStage(string image, string? name, IReadOnlyList<DockerInstruction> instructions)
{
    public string Image { get; } = image;

    public string? Name { get; } = name;

    public IReadOnlyList<DockerInstruction> Instructions { get; } = instructions;

    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    public DockerInstruction? Last(string keyword) => All(keyword).LastOrDefault();

    /// <summary>The working directory an instruction runs in (absolute, container side); for a WORKDIR, the one it sets.</summary>
    public string WorkdirAt(DockerInstruction instruction)
    {
        var workdir = "/";
        foreach (var candidate in Instructions)
        {
            if (candidate.Keyword == "WORKDIR")
            {
                workdir = candidate.Arguments.StartsWith('/') ? candidate.Arguments : workdir.TrimEnd('/') + "/" + candidate.Arguments;
            }

            if (ReferenceEquals(candidate, instruction))
            {
                break;
            }
        }

        return workdir;
    }

    /// <summary>Every <c>ENV</c> of the stage, in order (<c>ENV A=1 B=2</c> and legacy <c>ENV A 1</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var env in All("ENV"))
        {
            var words = DockerfileModel.Words(env.Arguments);
            if (words.Count > 0 && !words[0].Contains('=', StringComparison.Ordinal))
            {
                environment[words[0]] = string.Join(' ', words.Skip(1));
                continue;
            }

            foreach (var word in words)
            {
                var equals = word.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new FormatException($"ENV at line {env.Line}: '{word}' is not NAME=value");
                }

                environment[word[..equals]] = word[(equals + 1)..];
            }
        }

        return environment;
    }

    /// <summary>The exec form (JSON array) of the last instruction with this keyword, or null when there is none.</summary>
    public IReadOnlyList<string>? ExecForm(string keyword) =>
        Last(keyword) is { } instruction ? DockerfileModel.ExecForm(instruction, instruction.Arguments) : null;

    /// <summary>The command of the last <c>HEALTHCHECK</c> (options skipped), or null when there is none or it is <c>NONE</c>.</summary>
    public IReadOnlyList<string>? HealthcheckCommand()
    {
        if (Last("HEALTHCHECK") is not { } instruction)
        {
            return null;
        }

        var rest = instruction.Arguments;
        while (rest.StartsWith("--", StringComparison.Ordinal))
        {
            var space = rest.IndexOfAny([' ', '\t']);
            rest = space < 0 ? string.Empty : rest[space..].TrimStart();
        }

        if (rest.Equals("NONE", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!rest.StartsWith("CMD", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"HEALTHCHECK at line {instruction.Line}: expected CMD after the options");
        }

        rest = rest[3..].TrimStart();
        return rest.StartsWith('[') ? DockerfileModel.ExecForm(instruction, rest) : ["/bin/sh", "-c", rest];
    }
}

/// <summary>
/// A Dockerfile read the way the Docker builder reads it, for the instructions the tests replay:
/// comments, continuation lines, stages, ENV, exec-form ENTRYPOINT/CMD/HEALTHCHECK, COPY.
/// </summary>
internal sealed class DockerfileModel
{
    private DockerfileModel(string path, IReadOnlyList<DockerStage> stages)
    {
        Path = path;
        Stages = stages;
    }

    public string Path { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    /// <summary>The stage the image is made of.</summary>
    public DockerStage Final => Stages[^1];

    public DockerStage Stage(string name) =>
        Stages.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"{Path}: no stage named '{name}'");

    public static DockerfileModel Load(string path)
    {
        var stages = new List<DockerStage>();
        string? image = null;
        string? name = null;
        var instructions = new List<DockerInstruction>();
        foreach (var instruction in Instructions(File.ReadAllLines(path)))
        {
            if (instruction.Keyword == "FROM")
            {
                if (image is not null)
                {
                    stages.Add(new DockerStage(image, name, instructions));
                }

                var words = Words(instruction.Arguments).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                image = words[0];
                name = words.Count >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                instructions = [];
                continue;
            }

            if (image is null && instruction.Keyword != "ARG")
            {
                throw new FormatException($"{path} {instruction}: instruction before the first FROM");
            }

            instructions.Add(instruction);
        }

        if (image is null)
        {
            throw new FormatException($"{path}: no FROM");
        }

        stages.Add(new DockerStage(image, name, instructions));
        return new DockerfileModel(path, stages);
    }

    /// <summary>Splits on unquoted white space; double and single quotes group, backslash escapes.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is null && char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }

                continue;
            }

            inWord = true;
            if (c == '\\' && quote != '\'' && i + 1 < text.Length)
            {
                current.Append(text[++i]);
            }
            else if (quote is null && c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == quote)
            {
                quote = null;
            }
            else
            {
                current.Append(c);
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    internal static IReadOnlyList<string> ExecForm(DockerInstruction instruction, string json)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(json) ?? throw new FormatException("null");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{instruction}: not the exec form (a JSON array of strings): {ex.Message}", ex);
        }
    }

    private static IEnumerable<DockerInstruction> Instructions(string[] lines)
    {
        var text = new StringBuilder();
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (trimmed.StartsWith('#') || (trimmed.Length == 0 && text.Length == 0))
            {
                continue; // comments may sit between continuation lines too
            }

            if (text.Length == 0)
            {
                start = i + 1;
            }

            if (trimmed.EndsWith('\\'))
            {
                text.Append(trimmed[..^1]).Append(' ');
                continue;
            }

            text.Append(trimmed);
            var joined = text.ToString().Trim();
            text.Clear();
            if (joined.Length == 0)
            {
                continue;
            }

            var space = joined.IndexOfAny([' ', '\t']);
            yield return space < 0
                ? new DockerInstruction(joined.ToUpperInvariant(), string.Empty, start)
                : new DockerInstruction(joined[..space].ToUpperInvariant(), joined[(space + 1)..].Trim(), start);
        }
    }
}
