using System.Globalization;
using System.Text.Json;

namespace ConnectedCarMock.Schemas;

internal sealed partial class SchemaViews
{
    private sealed partial class ViewBuilder
    {
        public void Arrays(Schema part, JsonElement json)
        {
            var tupleItems = false;
            var prefixCount = 0;
            if (json.TryGetProperty("prefixItems", out var prefix) && prefix.ValueKind == JsonValueKind.Array)
            {
                prefixCount = prefix.GetArrayLength();
                AddPrefix(part, "prefixItems", prefixCount);
            }
            else if (json.TryGetProperty("items", out var tuple) && tuple.ValueKind == JsonValueKind.Array)
            {
                // Draft 4 tuples: items is the prefix, additionalItems the rest.
                prefixCount = tuple.GetArrayLength();
                AddPrefix(part, "items", prefixCount);
                tupleItems = true;
            }

            var rest = tupleItems ? "additionalItems" : "items";
            if (json.TryGetProperty(rest, out var items))
            {
                if (items.ValueKind == JsonValueKind.False)
                {
                    view.NoMoreItems = true;
                    view.MaxItems = MinInt(view.MaxItems, prefixCount);
                }
                else if (items.ValueKind == JsonValueKind.Object)
                {
                    _items.Add(part.At(rest));
                }
            }
        }

        private void AddPrefix(Schema part, string keyword, int count)
        {
            for (var i = 0; i < count; i++)
            {
                if (_prefix.Count <= i)
                {
                    _prefix.Add([]);
                }

                _prefix[i].Add(part.At(keyword, i.ToString(CultureInfo.InvariantCulture)));
            }
        }
    }
}
