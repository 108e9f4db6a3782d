using System.Text;
using System.Text.RegularExpressions;

namespace ConnectedCarMock.MockServer.Tests.Container;

/// <summary>
/// <c>.dockerignore</c> as the Docker builder applies it: patterns relative to the context root,
/// <c>*</c> and <c>?</c> within one path segment, <c>**</c> across segments, <c>!</c> re-includes,
/// the last matching line wins, and excluding a directory excludes everything under it.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Exclude)> _rules;

    private DockerIgnore(List<(Regex Pattern, bool Exclude)> rules) => _rules = rules;

    public static DockerIgnore Load(string path)
    {
        var rules = new List<(Regex, bool)>();
        if (!File.Exists(path))
        {
            return new DockerIgnore(rules);
        }

        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var exclude = !line.StartsWith('!');
            var pattern = (exclude ? line : line[1..]).Trim().Trim('/');
            if (pattern.StartsWith("./", StringComparison.Ordinal))
            {
                pattern = pattern[2..];
            }

            rules.Add((ToRegex(pattern), exclude));
        }

        return new DockerIgnore(rules);
    }

    /// <summary>Whether a path of the build context (relative, <c>/</c>-separated) is left out of it.</summary>
    public bool IsExcluded(string relativePath)
    {
        var segments = relativePath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var prefixes = Enumerable.Range(1, segments.Length).Select(n => string.Join('/', segments.Take(n))).ToList();
        var excluded = false;
        foreach (var (pattern, exclude) in _rules)
        {
            if (prefixes.Any(pattern.IsMatch))
            {
                excluded = exclude;
            }
        }

        return excluded;
    }

    private static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                {
                    i++;
                    regex.Append("(?:.*/)?"); // "**/" is zero or more directories
                }
                else
                {
                    regex.Append(".*");
                }
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
