namespace VolunteerStats.Generation;

/// <summary>Realistic Chinese names: common surnames weighted roughly by frequency, given names of one or two characters.</summary>
public static class ChineseNames
{
    // The most common surnames first; the picker favours the head of the list.
    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
        "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "潘",
        "袁", "蒋", "蔡", "余", "杜", "叶", "程", "魏", "苏", "吕", "丁", "沈", "任", "姚", "卢", "钟", "姜", "崔",
        "谭", "陆", "范", "汪", "金", "石", "戴", "贾", "方", "俞", "楼", "应", "邵", "施", "钱", "严", "章", "骆",
    ];

    private static readonly string[] Compound = ["欧阳", "司马", "诸葛", "上官"];

    private static readonly string[] MaleChars =
    [
        "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "斌", "浩", "鹏", "宇", "俊", "峰", "建", "华",
        "国", "志", "文", "晨", "博", "昊", "天", "子", "轩", "睿", "泽", "宏", "嘉", "辰", "航", "一", "凯", "铭",
    ];

    private static readonly string[] FemaleChars =
    [
        "芳", "娜", "敏", "静", "丽", "艳", "婷", "雪", "慧", "玲", "颖", "琳", "佳", "欣", "怡", "萱", "雨", "梦",
        "晓", "秀", "兰", "英", "霞", "燕", "红", "洁", "倩", "雯", "思", "诗", "涵", "可", "悦", "瑶", "彤", "晶",
    ];

    public static string Next(Random random, bool male)
    {
        var surname = random.Next(200) == 0
            ? Compound[random.Next(Compound.Length)]
            : Surnames[Math.Min(Surnames.Length - 1, (int)(Surnames.Length * Math.Pow(random.NextDouble(), 1.8)))];
        var chars = male ? MaleChars : FemaleChars;
        var given = chars[random.Next(chars.Length)];
        if (random.Next(100) < 70) given += chars[random.Next(chars.Length)];
        return surname + given;
    }

    /// <summary>A name picked by a hash, for the big benchmark files where no <see cref="Random"/> is kept per row.</summary>
    public static string FromHash(ulong h)
    {
        var male = (h & 1) == 0;
        var chars = male ? MaleChars : FemaleChars;
        var surname = Surnames[(int)((h >> 8) % 40)];
        var given = chars[(int)((h >> 20) % (ulong)chars.Length)];
        if ((h >> 32) % 10 < 7) given += chars[(int)((h >> 40) % (ulong)chars.Length)];
        return surname + given;
    }
}
