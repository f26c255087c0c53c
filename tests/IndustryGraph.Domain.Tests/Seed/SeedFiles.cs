using System.Text;

namespace IndustryGraph.Domain.Tests.Seed;

/// <summary>A small valid seed set as text, which each test breaks in one place.</summary>
internal static class SeedFiles
{
    public static Dictionary<string, string> Valid() => new()
    {
        ["sources.csv"] = "key,title,publisher,published,note\nart.txt,Article,,2024-10,\n",
        ["entities.csv"] = """
            key,kind,name,aliases,tags,source,paragraph,note
            d-a,DISTRICT,管城区,管城,,art.txt,1,
            park-a,PARK,金岱园,金岱,,art.txt,2,
            ent-a,ENTERPRISE,汉威科技,汉威,anchor,art.txt,3,
            chain-a,INDUSTRY_CHAIN,智能传感器,,,curated,,known chain
            """ + "\n",
        ["chain_links.csv"] = """
            key,chain,segment,position,name,aliases,source,paragraph,note
            link-a-1,chain-a,UPSTREAM,1,敏感材料,,curated,,materials first
            link-a-2,chain-a,DOWNSTREAM,2,应用,,curated,,applications last
            """ + "\n",
        ["relationships.csv"] = """
            from,type,to,source,paragraph,note
            park-a,LOCATED_IN,d-a,art.txt,2,
            ent-a,LOCATED_IN,park-a,art.txt,3,
            ent-a,WORKS_IN,link-a-1,curated,,makes materials
            link-a-1,SUPPLIES,link-a-2,curated,,materials feed applications
            """ + "\n",
        ["facts.csv"] = """
            entity,key,value,number,unit,as_of,source,paragraph,note
            park-a,enterprise_count,180余家,,,2024-10,art.txt,2,
            park-a,land_area,5.3平方公里,,,,art.txt,2,
            """ + "\n",
    };

    public static Dictionary<string, byte[]> Bytes(Dictionary<string, string> files) =>
        files.ToDictionary(pair => pair.Key, pair => Encoding.UTF8.GetBytes(pair.Value));
}
