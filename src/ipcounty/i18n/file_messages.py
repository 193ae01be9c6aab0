"""Messages about files and folders: what could not be opened, what was skipped and why."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "file-unreadable": ("无法打开此文件：{reason}", "cannot open this file: {reason}"),
    "file-not-regular": (
        "这不是普通文件，而是{kind}，未读取：请指定一个普通的文件",
        "this is not a regular file but {kind}; not read: give an ordinary file",
    ),
    "file-format-differs": (
        "文件扩展名为 {ext}，内容却是 {kind} 格式：已按 {kind} 读取；请另存为 .xlsx 再发送",
        "the file is named {ext} but holds a {kind} workbook: read as {kind}; save it as .xlsx next time",
    ),
    "file-name-escaped": (
        "文件名不是 UTF-8 编码（常见于 Windows 压缩包解压后），无法显示的字节已写成 \\xNN：请把文件改名",
        "the file name is not UTF-8 (common after unzipping a Windows archive); bytes that cannot be "
        "shown are written as \\xNN: rename the file",
    ),
    "reader-process-died": (
        "读取此文件的进程意外退出，可能是文件中有读取程序无法处理的内容",
        "the process reading this file died, probably on content the reader library cannot handle",
    ),
    "output-is-input": (
        "拒绝覆盖填报表 {path}：请换一个输出文件名",
        "refusing to overwrite the return {path}: choose another output name",
    ),
    "output-folder-missing": ("输出目录不存在：{path}", "output folder does not exist: {path}"),
    "output-wrote": ("已写入 {path}", "wrote {path}"),
    "output-read-only": (
        "输出文件 {path} 是只读的：请换一个文件名，或先取消只读",
        "the output file {path} is read-only: choose another name or make it writable first",
    ),
    "output-folder-unwritable": (
        "无法写入目录 {path}：{reason}",
        "cannot write to {path}: {reason}",
    ),
    "output-unwritable": (
        "无法写入 {path}：{reason}；原有文件未改动",
        "cannot write {path}: {reason}; any previous file is unchanged",
    ),
    "template-exists": (
        "已存在 {count} 个同名文件，未覆盖：{files}。可能是已填写的填报表；确需覆盖请加 --force，或用 --out 换一个目录",
        "{count} file(s) already exist and were not overwritten: {files}. They may be filled returns; "
        "add --force to overwrite, or choose another folder with --out",
    ),
    "ext-none": ("（无扩展名）", "(no extension)"),
    "kind-pipe": ("管道（FIFO）", "a pipe (FIFO)"),
    "kind-device": ("设备或套接字", "a device or socket"),
    "kind-folder": ("文件夹", "a folder"),
    # What a file that is not a workbook holds (validate: "not a spreadsheet (a PDF file)").
    "kind-png": ("PNG 图片", "a PNG picture"),
    "kind-jpeg": ("JPEG 图片", "a JPEG picture"),
    "kind-gif": ("GIF 图片", "a GIF picture"),
    "kind-pdf": ("PDF 文件", "a PDF file"),
    "kind-rar": ("RAR 压缩包", "a RAR archive"),
    "kind-7z": ("7z 压缩包", "a 7z archive"),
    "kind-rtf": ("RTF 文档", "an RTF document"),
    "kind-html": ("网页（HTML）文件", "a web page (HTML)"),
    "kind-text": ("文本文件", "a text file"),
    "kind-unknown": ("未知格式", "an unknown format"),
    "kind-zip-no-workbook": ("压缩包中没有工作簿", "a zip with no workbook"),
    # Why an entry under the returns folder was not read (the submissions list shows these).
    "skip.lock": (
        "Excel/WPS 打开文件时留下的锁定文件，不是填报表；关闭 Excel/WPS 后它会消失",
        "a lock file Excel or WPS leaves while a file is open, not a return; it goes when Excel/WPS is closed",
    ),
    "skip.hidden": ("隐藏文件或文件夹", "a hidden file or folder"),
    "skip.not-a-return": ("不是表格文件", "not a spreadsheet"),
    "skip.not-a-file": (
        "不是普通文件，而是管道、设备或套接字，未打开",
        "not a regular file but a pipe, device or socket; not opened",
    ),
    "skip.link-folder": (
        "指向文件夹的链接，未进入；请把文件直接放进填报表目录",
        "a link to a folder, not followed; put the files in the returns folder itself",
    ),
    "skip.broken-link": ("链接失效或循环", "a broken or looping link"),
    "skip.unreadable": ("无法读取：{why}", "cannot be read: {why}"),
    "os-error-code": ("系统错误 {code}", "system error {code}"),
    "skip.output": ("ipcounty 导出的汇总工作簿，不是填报表", "a workbook exported by ipcounty, not a return"),
    # What the system refused and what to do (ipcounty.oserrors picks one by the error's number).
    "os-permission": (
        "权限不足，请换一个有权限的位置（如桌面），或请管理员开放权限",
        "permission denied; use a place you have access to (your desktop, say), or ask your administrator",
    ),
    "os-in-use": (
        "文件正被其他程序占用，请在 Excel/WPS 等程序中关闭它后重试",
        "the file is in use by another program; close it (in Excel or WPS, say) and try again",
    ),
    "os-no-space": (
        "磁盘空间不足，请清理磁盘，或换一个有空间的位置",
        "the disk is full; free some space, or use another place",
    ),
    "os-read-only-disk": (
        "磁盘或共享文件夹为只读，请换一个可以写入的位置（如桌面）",
        "the disk or shared folder is read-only; use a place you can write to (your desktop, say)",
    ),
    "os-name-too-long": (
        "路径过长，请缩短文件名，或移到层级较浅的文件夹",
        "the path is too long; shorten the name, or move it to a folder nearer the top",
    ),
    "os-no-such-file": ("找不到文件或文件夹，请检查路径", "no such file or folder; check the path"),
    "os-link-loop": (
        "链接指向自身，形成循环，请删除或修正这个链接",
        "a link that loops back on itself; remove or correct the link",
    ),
    "os-io": (
        "磁盘读写出错，请检查磁盘或网络共享是否连接正常后重试",
        "a disk read or write error; check that the disk or network share is connected and try again",
    ),
    "os-is-folder": ("这是一个文件夹，请给出文件名", "this is a folder; give a file name"),
    "os-other": ("{detail}，请换一个位置或稍后重试", "{detail}; try another place, or try again later"),
    "os-write-failed": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
}
