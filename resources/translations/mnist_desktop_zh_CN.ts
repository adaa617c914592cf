<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Canvas</name>
    <message>
        <location filename="../../mnist_desktop/gui/canvas.py" line="129"/>
        <location filename="../../mnist_desktop/gui/canvas.py" line="392"/>
        <source>Drawing canvas</source>
        <translation>绘图画布</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/canvas.py" line="298"/>
        <source>Draw a digit or a number here</source>
        <translation>在这里写一个数字或一串数字</translation>
    </message>
</context>
<context>
    <name>ComparePage</name>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="124"/>
        <source>ours (Best preset)</source>
        <translation>我们的模型（“最佳”预设）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="124"/>
        <source>seed {0}</source>
        <translation>种子 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="128"/>
        <source>Seed 000, an MLP 784-128-256-10 on raw pixels (no normalisation): Adam at learning rate 0.01, batches of 64, 11 epochs, cross-entropy. 136,074 parameters, every one tied to a pixel position, so it has to learn each digit at every place again.</source>
        <translation>种子 000：在原始像素上（不做归一化）的多层感知机 784-128-256-10：Adam，学习率 0.01，批大小 64，训练 11 轮，交叉熵损失。136,074 个参数，每个都绑定在某个像素位置上，所以同一个数字换个位置就得重新学一遍。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="131"/>
        <source>Seed 001, a CNN with batch norm and dropout (conv 32-32, pool, conv 64-64, pool, dense 512-512-10), inputs normalised with mean 0.5 and std 0.5: Adam at 0.001, batches of 64, 3 epochs. Nearly two million parameters, most in its first dense layer.</source>
        <translation>种子 001：带批归一化和 dropout 的卷积网络（卷积 32-32、池化、卷积 64-64、池化、全连接 512-512-10），输入按均值 0.5、标准差 0.5 归一化：Adam，学习率 0.001，批大小 64，训练 3 轮。近两百万个参数，大多在第一个全连接层。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="134"/>
        <source>Seed 002, a small CNN (conv 10 of 5x5, pool, conv 20 of 3x3, dense 500, 10) ending in log-softmax with the NLL loss: Adam at 0.001, batches of 64, 20 epochs, inputs normalised with MNIST&apos;s mean and std.</source>
        <translation>种子 002：小型卷积网络（10 个 5x5 卷积、池化、20 个 3x3 卷积、全连接 500、10），以 log-softmax 加 NLL 损失结尾：Adam，学习率 0.001，批大小 64，训练 20 轮，输入按 MNIST 的均值和标准差归一化。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="137"/>
        <source>Seed 003, an MLP 784-128-64-10 ending in log-softmax with the NLL loss, inputs normalised with mean 0.5 and std 0.5: plain SGD at 0.003 with momentum 0.9, batches of 64, 15 epochs.</source>
        <translation>种子 003：多层感知机 784-128-64-10，以 log-softmax 加 NLL 损失结尾，输入按均值 0.5、标准差 0.5 归一化：普通 SGD，学习率 0.003，动量 0.9，批大小 64，训练 15 轮。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="140"/>
        <source>Seed 004, the same CNN as seed 002, trained with Adam&apos;s defaults on batches of 512 for 20 epochs: eight times fewer steps per epoch.</source>
        <translation>种子 004：与种子 002 相同的卷积网络，用 Adam 的默认设置、批大小 512 训练 20 轮：每轮的步数少了八倍。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="142"/>
        <source>Ours, the Train tab&apos;s Best preset: quicknet (three conv layers with batch norm, 29,434 parameters), SGD with Nesterov momentum and a one-cycle schedule, light random shifts, turns and scaling, 8 epochs of batches of 128.</source>
        <translation>我们的模型，即“训练”页的“最佳”预设：quicknet（三个带批归一化的卷积层，29,434 个参数），Nesterov 动量 SGD 加 one-cycle 学习率调度，轻度随机平移、旋转和缩放，批大小 128，训练 8 轮。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="149"/>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="149"/>
        <source>Adam (defaults)</source>
        <translation>Adam（默认设置）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="150"/>
        <source>SGD, momentum 0.9</source>
        <translation>SGD，动量 0.9</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="151"/>
        <source>SGD Nesterov, one-cycle</source>
        <translation>Nesterov SGD，one-cycle 调度</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="154"/>
        <source>Models to train</source>
        <translation>要训练的模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="157"/>
        <source>Quick (1 epoch on 10,000 images)</source>
        <translation>快速（在 10,000 张图上训练 1 轮）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="158"/>
        <source>Without it each tutorial&apos;s full recipe runs: minutes to an hour.</source>
        <translation>不勾选时按各教程的完整方案训练：需要几分钟到一小时。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="159"/>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="160"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="161"/>
        <source>MNIST test accuracy while training</source>
        <translation>训练过程中的 MNIST 测试准确率</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="162"/>
        <source>training time (s)</source>
        <translation>训练时间（秒）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="163"/>
        <source>accuracy (%)</source>
        <translation>准确率（%）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="164"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="164"/>
        <source>MNIST</source>
        <translation>MNIST</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="164"/>
        <source>Drawings</source>
        <translation>手绘</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="165"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="165"/>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="165"/>
        <source>Training</source>
        <translation>训练用时</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="166"/>
        <source>Recipe</source>
        <translation>训练方案</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="201"/>
        <source>Pick at least one model.</source>
        <translation>请至少选择一个模型。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="220"/>
        <source>Loading MNIST…</source>
        <translation>正在加载 MNIST…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="226"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="245"/>
        <source>Making the drawings and photos to read…</source>
        <translation>正在生成要识别的手绘和照片…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="249"/>
        <source>Training {0}: epoch {1}, step {2} of {3}</source>
        <translation>正在训练{0}：第 {1} 轮，第 {2}/{3} 步</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="288"/>
        <source>{0:.0f} s</source>
        <translation>{0:.0f} 秒</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="288"/>
        <source>{0:.1f} s</source>
        <translation>{0:.1f} 秒</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="290"/>
        <source>{0}, lr {1:g}, batch {2}, {3} epochs</source>
        <translation>{0}，学习率 {1:g}，批大小 {2}，{3} 轮</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="305"/>
        <source>Click a row: what that tutorial did, and drawings it misreads that ours reads.</source>
        <translation>点击一行：查看该教程的做法，以及它认错而我们的模型认对的手绘。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="318"/>
        <source>Drawings and photos it misreads that ours reads:</source>
        <translation>它认错、而我们的模型认对的手绘和照片：</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="319"/>
        <source>Drawings and photos it misreads (ours has not run yet):</source>
        <translation>它认错的手绘和照片（我们的模型尚未运行）：</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="320"/>
        <source>Nothing it misreads that ours reads.</source>
        <translation>没有它认错而我们的模型认对的图。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="329"/>
        <source>{0}, read as “{1}”</source>
        <translation>{0}，被认成“{1}”</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="329"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="333"/>
        <source>a drawing of a {0}</source>
        <translation>手写的 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="333"/>
        <source>a photo of a {0}</source>
        <translation>照片中的 {0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../mnist_desktop/gui/compare_page.py" line="340"/>
        <source>Done: %n model(s).</source>
        <translation>
            <numerusform>完成：%n 个模型。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="343"/>
        <source>Failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/compare_page.py" line="346"/>
        <source>Cancelled; the finished rows stay.</source>
        <translation>已取消；已完成的行会保留。</translation>
    </message>
</context>
<context>
    <name>CorrectionBox</name>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/correction.py" line="57"/>
        <source>Already saved.</source>
        <translation>已经保存过了。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/correction.py" line="59"/>
        <source>Saved as {0}. Samples of your handwriting: {1}.</source>
        <translation>已保存为 {0}。你的笔迹样本：{1} 个。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/correction.py" line="60"/>
        <source>Saved {0} ({1} saved before). Samples of your handwriting: {2}.</source>
        <translation>已保存 {0}（{1} 之前已保存）。你的笔迹样本：{2} 个。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/correction.py" line="67"/>
        <source>Teach it your handwriting</source>
        <translation>教它认识你的笔迹</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/correction.py" line="68"/>
        <source>What did you write?</source>
        <translation>你写的是什么？</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/correction.py" line="69"/>
        <source>Type the digits you wrote, left to right; Enter saves them</source>
        <translation>从左到右输入你写的数字；按回车保存</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/correction.py" line="70"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/correction.py" line="71"/>
        <source>It read me right — save as is</source>
        <translation>识别正确 — 按原样保存</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/correction.py" line="72"/>
        <source>Keep this drawing as an example of your handwriting</source>
        <translation>把这次书写保存为你的笔迹样本</translation>
    </message>
</context>
<context>
    <name>DataError</name>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="80"/>
        <source>Could not download MNIST ({why}; mirrors tried: {mirrors}). Check the internet connection, or use a folder that holds the four MNIST files.</source>
        <translation>无法下载 MNIST（{why}；已尝试的镜像数：{mirrors}）。请检查网络连接，或使用一个存有四个 MNIST 文件的文件夹。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="83"/>
        <source>{folder} does not hold the MNIST files (missing: {missing})</source>
        <translation>{folder} 中没有 MNIST 文件（缺少：{missing}）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="84"/>
        <source>{name} cannot be read ({detail})</source>
        <translation>无法读取 {name}（{detail}）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="85"/>
        <source>The folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="86"/>
        <source>MNIST is not in the data folder ({root}) yet: download it, or use a folder with the four MNIST files.</source>
        <translation>数据文件夹（{root}）中还没有 MNIST：请下载，或使用一个存有四个 MNIST 文件的文件夹。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="88"/>
        <source>MNIST in {root} cannot be read ({detail})</source>
        <translation>无法读取 {root} 中的 MNIST（{detail}）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="89"/>
        <source>MNIST in {root} has an unexpected shape {shape}</source>
        <translation>{root} 中的 MNIST 形状异常：{shape}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="90"/>
        <source>Loading MNIST needs torchvision, which this build of the app does not include.</source>
        <translation>加载 MNIST 需要 torchvision，而本应用的这个版本不包含它。</translation>
    </message>
</context>
<context>
    <name>DatasetPreview</name>
    <message>
        <location filename="../../mnist_desktop/gui/dataset_preview.py" line="107"/>
        <source>Reshuffle</source>
        <translation>重新抽样</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/dataset_preview.py" line="109"/>
        <source>Loading MNIST digits…</source>
        <translation>正在加载 MNIST 数字…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/dataset_preview.py" line="110"/>
        <source>MNIST is not here yet: download it or choose a folder to see its digits.</source>
        <translation>还没有 MNIST：请下载或选择一个文件夹，以查看其中的数字。</translation>
    </message>
</context>
<context>
    <name>ImageError</name>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="19"/>
        <source>{name}: no such file</source>
        <translation>{name}：文件不存在</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="20"/>
        <source>{name} cannot be read ({detail})</source>
        <translation>无法读取 {name}（{detail}）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="21"/>
        <source>{name} is a folder, not an image</source>
        <translation>{name} 是文件夹，不是图像</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="22"/>
        <source>{name} is empty (0 bytes)</source>
        <translation>{name} 是空文件（0 字节）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="23"/>
        <source>{name} is too large ({mb} MB; the limit is {limit_mb} MB)</source>
        <translation>{name} 太大（{mb} MB；上限为 {limit_mb} MB）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="24"/>
        <source>{name} is not a regular file (a pipe, device or socket); it was not read</source>
        <translation>{name} 不是普通文件（而是管道、设备或套接字），未读取</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="26"/>
        <source>{name} is too large (the limit is {limit_mp} megapixels)</source>
        <translation>{name} 太大（上限为 {limit_mp} 百万像素）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="27"/>
        <source>{name} is not an image this app can read (damaged, or an unsupported format)</source>
        <translation>{name} 不是本程序能读取的图像（文件已损坏，或格式不受支持）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="29"/>
        <source>Expected an image, got {type}</source>
        <translation>需要一幅图像，收到的是 {type}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="30"/>
        <source>An image must be gray, colour or colour with transparency; this one has the shape {shape}</source>
        <translation>图像必须是灰度、彩色或带透明度的彩色图像；这幅图像的形状是 {shape}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="32"/>
        <source>The image is empty (0 pixels)</source>
        <translation>图像是空的（0 像素）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="33"/>
        <source>The image is too large ({width}x{height} pixels)</source>
        <translation>图像太大（{width}x{height} 像素）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="34"/>
        <source>The image holds invalid (NaN or infinite) values</source>
        <translation>图像含有无效值（NaN 或无穷大）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="35"/>
        <source>Unsupported pixel type {dtype}</source>
        <translation>不支持的像素类型 {dtype}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="36"/>
        <source>No ink in the selected area</source>
        <translation>所选区域内没有笔迹</translation>
    </message>
</context>
<context>
    <name>InsideView</name>
    <message>
        <location filename="../../mnist_desktop/gui/inside_view.py" line="116"/>
        <source>Inside the network</source>
        <translation>网络内部</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/inside_view.py" line="117"/>
        <source>What the model sees (28x28)</source>
        <translation>模型看到的输入（28x28）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/inside_view.py" line="118"/>
        <source>Pixels that pushed the answer up</source>
        <translation>推高该答案的像素</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/inside_view.py" line="119"/>
        <source>Integrated gradients: the digit is faded in from blank paper in 32 steps, and each pixel is credited with how much its ink raised the chosen digit&apos;s score on the way. Brighter = more credit. Pixels without ink get no credit: this shows which ink mattered, not which ink is missing.</source>
        <translation>积分梯度：让数字从空白纸面分 32 步逐渐显现，每个像素按其笔迹在此过程中使所选数字得分升高的多少记功。越亮表示功劳越大。没有笔迹的像素不计功：这里显示的是哪些笔迹起了作用，而不是缺了哪些笔迹。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/inside_view.py" line="145"/>
        <source>Working…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/inside_view.py" line="169"/>
        <source>Cannot look inside this model: {0}</source>
        <translation>无法查看此模型的内部：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/inside_view.py" line="194"/>
        <source>Select a digit in the Recognize tab to look inside the network.</source>
        <translation>在“识别”页选中一个数字，即可查看网络内部。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/inside_view.py" line="198"/>
        <source>Read as {0} ({1}). Each layer&apos;s output for this digit: feature maps as grey grids (brighter = stronger), dense layers as bars.</source>
        <translation>识别为 {0}（{1}）。各层对这个数字的输出：特征图以灰度网格显示（越亮越强），全连接层以柱状显示。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/inside_view.py" line="203"/>
        <source>The model is {0} networks trained apart that read together; these are the first one&apos;s layers, the answer is all of theirs.</source>
        <translation>这个模型由 {0} 个分别训练、一起读数的网络组成；这里显示的是第一个网络的各层，答案来自全部网络。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/inside_view.py" line="211"/>
        <source>first layer&apos;s filters (white +, black −)</source>
        <translation>第一层的滤波器（白为正，黑为负）</translation>
    </message>
</context>
<context>
    <name>LazyTrainingTabs</name>
    <message>
        <location filename="../../mnist_desktop/gui/train_loader.py" line="100"/>
        <source>The training tools could not be loaded.</source>
        <translation>无法加载训练工具。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="85"/>
        <source>&amp;Recognize</source>
        <translation>识别(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="86"/>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="87"/>
        <source>My &amp;Samples</source>
        <translation>我的样本(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="90"/>
        <source>Loading the training tools…</source>
        <translation>正在加载训练工具…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="91"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="84"/>
        <source>Handwritten digit reader</source>
        <translation>手写数字识别</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="88"/>
        <source>C&amp;ompare</source>
        <translation>对比(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="92"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="93"/>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="94"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="95"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="96"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="97"/>
        <source>&amp;Open Image…</source>
        <translation>打开图片(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="98"/>
        <source>&amp;Paste Image</source>
        <translation>粘贴图片(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="99"/>
        <source>&amp;Save Drawing as PNG…</source>
        <translation>将绘图保存为 PNG(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="100"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="101"/>
        <source>&amp;Clear Drawing</source>
        <translation>清空绘图(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="102"/>
        <source>&amp;Open Model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="103"/>
        <source>&amp;Revert to the Shipped Model</source>
        <translation>恢复为自带模型(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="104"/>
        <source>Model &amp;Card…</source>
        <translation>模型信息卡(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="105"/>
        <source>&amp;About MNIST Desktop</source>
        <translation>关于 MNIST Desktop(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="106"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="107"/>
        <source>&amp;Copy the Number Read</source>
        <translation>复制识别出的数字(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="108"/>
        <source>&amp;Recognize Tab</source>
        <translation>识别页(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="108"/>
        <source>&amp;Train Tab</source>
        <translation>训练页(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="109"/>
        <source>My &amp;Samples Tab</source>
        <translation>我的样本页(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="109"/>
        <source>C&amp;ompare Tab</source>
        <translation>对比页(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="111"/>
        <source>System Default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="112"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="113"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="361"/>
        <source>Unsaved model</source>
        <translation>未保存的模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="362"/>
        <source>The model you trained is not saved. Quit and lose it? (No keeps the window open: Use This Model or Save As… on the Train tab&apos;s Results page.)</source>
        <translation>您训练的模型尚未保存。要退出并丢弃它吗？（选“否”将保持窗口打开：可在“训练”页的“结果”页使用“使用此模型”或“另存为…”。）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/file_actions.py" line="21"/>
        <source>Open Image</source>
        <translation>打开图片</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/file_actions.py" line="22"/>
        <source>Images ({0});;All files (*)</source>
        <translation>图片 ({0});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="142"/>
        <location filename="../../mnist_desktop/gui/main_window.py" line="146"/>
        <source>Cannot open image</source>
        <translation>无法打开图片</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="143"/>
        <source>The file could not be opened as an image.</source>
        <translation>该文件无法作为图片打开。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="146"/>
        <source>The image is too large to open.</source>
        <translation>图片太大，无法打开。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="152"/>
        <source>Opened {0}</source>
        <translation>已打开 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="157"/>
        <location filename="../../mnist_desktop/gui/main_window.py" line="169"/>
        <source>Cannot paste</source>
        <translation>无法粘贴</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="157"/>
        <source>The clipboard image is empty.</source>
        <translation>剪贴板中的图片是空的。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="165"/>
        <source>pasted image</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="169"/>
        <source>The clipboard holds no image.</source>
        <translation>剪贴板中没有图片。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="182"/>
        <source>dropped image</source>
        <translation>拖入的图片</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/file_actions.py" line="32"/>
        <source>Nothing to save: the canvas is empty.</source>
        <translation>没有可保存的内容：画布是空的。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/file_actions.py" line="35"/>
        <source>Save Drawing</source>
        <translation>保存绘图</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/file_actions.py" line="36"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/file_actions.py" line="42"/>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/file_actions.py" line="43"/>
        <source>The drawing could not be written to {0}.</source>
        <translation>无法将绘图写入 {0}。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/file_actions.py" line="47"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="190"/>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="191"/>
        <source>PyTorch checkpoints (*.pt *.pth);;All files (*)</source>
        <translation>PyTorch 检查点 (*.pt *.pth);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="234"/>
        <source>Now using the model you trained.</source>
        <translation>现在使用的是你训练的模型。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="260"/>
        <source>Cannot use this model</source>
        <translation>无法使用该模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="258"/>
        <source>The file is not a model this app can use; the current model stays active.</source>
        <translation>该文件不是本应用可用的模型；当前模型保持不变。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="214"/>
        <source>The active model was changed outside this window; loading that one.</source>
        <translation>当前模型已在此窗口之外被更改；正在载入那个模型。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="259"/>
        <source>The file is not a model this app can use.</source>
        <translation>该文件不是本应用可用的模型。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="264"/>
        <location filename="../../mnist_desktop/gui/main_window.py" line="266"/>
        <source>No model</source>
        <translation>没有模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="265"/>
        <source>Neither your model nor the shipped one could be loaded, so nothing can be read. Reinstalling the app restores the shipped model.</source>
        <translation>您的模型和自带模型都无法加载，因此无法识别。重新安装本应用可恢复自带模型。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="271"/>
        <source>Preparing the model for reading (once)…</source>
        <translation>正在准备模型以供识别（仅此一次）…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="278"/>
        <source>The record of which model is active, {0}, cannot be read, so the shipped model reads instead.</source>
        <translation>记录当前模型的文件 {0} 无法读取，现改用自带模型识别。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="280"/>
        <source>Your active model {0} cannot be used, so the shipped model reads instead.</source>
        <translation>您当前使用的模型 {0} 无法使用，现改用自带模型识别。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="282"/>
        <source>Revert to the shipped model for good? (Model &gt; Revert to the Shipped Model does the same later; on the command line: mnist-desktop model reset)</source>
        <translation>是否永久恢复为自带模型？（之后也可通过“模型 &gt; 恢复为自带模型”操作；命令行：mnist-desktop model reset）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="284"/>
        <source>The shipped model is active again.</source>
        <translation>已重新启用自带模型。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="294"/>
        <source>Cannot remember the model</source>
        <translation>无法记住所选模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="295"/>
        <source>{0} cannot be written or removed ({1}), so the next start may read with another model. Move it away and choose again.</source>
        <translation>{0} 无法写入或删除（{1}），下次启动时可能会用其他模型识别。请将它移走后重新选择。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="302"/>
        <source>Your model cannot be used</source>
        <translation>您的模型无法使用</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="307"/>
        <source>Loading model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="309"/>
        <source>Model: {0}</source>
        <translation>模型：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/help_texts.py" line="29"/>
        <source>fine-tuned on your samples</source>
        <translation>已用您的样本微调</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/help_texts.py" line="97"/>
        <location filename="../../mnist_desktop/gui/help_texts.py" line="115"/>
        <source>No model is loaded yet.</source>
        <translation>尚未加载模型。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/help_texts.py" line="100"/>
        <source>File: {0}</source>
        <translation>文件：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/help_texts.py" line="101"/>
        <source>Architecture: {0} ({1:,} parameters)</source>
        <translation>结构：{0}（{1:,} 个参数）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/help_texts.py" line="102"/>
        <source>MNIST test accuracy: {0}</source>
        <translation>MNIST 测试准确率：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/help_texts.py" line="103"/>
        <source>Trained: {0}</source>
        <translation>训练时间：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/help_texts.py" line="104"/>
        <source>Command: {0}</source>
        <translation>命令：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/help_texts.py" line="111"/>
        <source>MNIST Desktop {0}
Reads handwritten digits and numbers from drawings, scans and photos.</source>
        <translation>MNIST Desktop {0}
从手写、扫描件和照片中识别数字。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/help_texts.py" line="116"/>
        <source>Active model: {0}, {1} on the MNIST test set, trained {2}.</source>
        <translation>当前模型：{0}，MNIST 测试集准确率 {1}，训练于 {2}。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/help_texts.py" line="120"/>
        <source>To train it again:
{0}</source>
        <translation>重新训练出它：
{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="313"/>
        <source>Model Card</source>
        <translation>模型信息卡</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="319"/>
        <source>About MNIST Desktop</source>
        <translation>关于 MNIST Desktop</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="354"/>
        <source>Training is running</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/main_window.py" line="355"/>
        <source>A model is being trained. Stop the training and quit? The model in training will be lost.</source>
        <translation>正在训练模型。要停止训练并退出吗？训练中的模型将会丢失。</translation>
    </message>
</context>
<context>
    <name>ModelError</name>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="41"/>
        <source>{name}: no such file</source>
        <translation>{name}：没有这个文件</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="42"/>
        <source>{name} is damaged: it does not say which model is active</source>
        <translation>{name} 已损坏：无法读出当前使用的是哪个模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="43"/>
        <source>{name} is a folder, not a record of the active model</source>
        <translation>{name} 是一个文件夹，不是当前模型的记录</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="44"/>
        <source>{name} is a folder, not a model file</source>
        <translation>{name} 是文件夹，不是模型文件</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="45"/>
        <source>{name} is not a regular file</source>
        <translation>{name} 不是普通文件</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="46"/>
        <source>{name} cannot be read ({detail})</source>
        <translation>无法读取 {name}（{detail}）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="47"/>
        <source>{name} is not a model file (not a PyTorch archive)</source>
        <translation>{name} 不是模型文件（不是 PyTorch 存档）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="48"/>
        <source>{name} is a PyTorch file but not a model of this app</source>
        <translation>{name} 是 PyTorch 文件，但不是本应用的模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="49"/>
        <source>{name} was refused: besides weights it asks to run {what}; nothing in it was run</source>
        <translation>已拒绝 {name}：它除了权重还要求运行 {what}；其中的内容均未运行</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="51"/>
        <source>{name} is damaged: its description cannot be read</source>
        <translation>{name} 已损坏：无法读取其描述</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="52"/>
        <source>{name} uses an unknown architecture {arch}</source>
        <translation>{name} 使用了未知的网络结构 {arch}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="53"/>
        <source>{name} is damaged: some weights are not numbers (NaN or infinite, in {key})</source>
        <translation>{name} 已损坏：部分权重不是数字（NaN 或无穷大，位于 {key}）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="55"/>
        <source>{name} is over {mb} MB, far larger than a digit model</source>
        <translation>{name} 超过 {mb} MB，远大于数字识别模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="56"/>
        <source>{name} is not an ONNX model (damaged or another kind of file)</source>
        <translation>{name} 不是 ONNX 模型（已损坏或是其他类型的文件）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="57"/>
        <source>{name} is an ONNX model but not one of this app&apos;s</source>
        <translation>{name} 是 ONNX 模型，但不是本应用的模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="58"/>
        <source>{name} is damaged: OpenCV cannot build a network from it</source>
        <translation>{name} 已损坏：OpenCV 无法用它构建网络</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="59"/>
        <source>{name} has no ONNX twin ({twin}) to read with</source>
        <translation>{name} 没有可用于识别的 ONNX 副本（{twin}）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="60"/>
        <source>{cause} (it is the ONNX twin of {name})</source>
        <translation>{cause}（它是 {name} 的 ONNX 副本）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="61"/>
        <source>{name} is the ONNX twin of a model; give the model&apos;s .pt file instead</source>
        <translation>{name} 是某个模型的 ONNX 副本；请改为提供该模型的 .pt 文件</translation>
    </message>
</context>
<context>
    <name>PageLines</name>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/page_lines.py" line="44"/>
        <source>Line {0}: {1}</source>
        <translation>第 {0} 行：{1}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/page_lines.py" line="81"/>
        <source>Lines of writing: {0}</source>
        <translation>书写行数：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/page_lines.py" line="85"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/page_lines.py" line="86"/>
        <source>Copy the page as tab-separated text (pastes into a spreadsheet)</source>
        <translation>将页面复制为制表符分隔的文本（可粘贴到电子表格）</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <location filename="../../mnist_desktop/gui/recent_menu.py" line="43"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/recent_menu.py" line="51"/>
        <source>Clear Recent</source>
        <translation>清除最近记录</translation>
    </message>
</context>
<context>
    <name>RecognizeTab</name>
    <message>
        <location filename="../../mnist_desktop/gui/recognize_tab.py" line="194"/>
        <source>Pen: {0} px</source>
        <translation>笔宽：{0} 像素</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/reading_hints.py" line="15"/>
        <source>Still drawing: the digit under the pen is read again when you lift it.</source>
        <translation>仍在书写：抬笔后会重新识别笔下的数字。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/reading_hints.py" line="18"/>
        <source>Part of the writing went past the canvas&apos;s edge and is not read: write smaller, or make the window bigger.</source>
        <translation>部分笔迹超出了画布边缘，未被识别：请写小一些，或把窗口放大。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/reading_hints.py" line="22"/>
        <source>Some digits are small for the pen and may be misread: draw bigger, or choose a thinner pen.</source>
        <translation>有些数字相对笔画太小，可能被认错：请写大一些，或换用更细的笔。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/reading_hints.py" line="30"/>
        <source>Not saved: part of this writing went past the canvas&apos;s edge, and a sample without it would teach the model wrong. Redraw it inside the canvas, then save.</source>
        <translation>未保存：这部分笔迹超出了画布边缘，缺了它的样本会把模型教错。请在画布内重写，再保存。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/reading_hints.py" line="37"/>
        <source>Only a dot is drawn, and a dot alone is not read as a digit: draw a digit.</source>
        <translation>只画了一个点，单独的点不会被识别为数字：请画一个数字。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/reading_hints.py" line="42"/>
        <source>Only the first of this file&apos;s {0} pages is read.</source>
        <translation>此文件共 {0} 页，只读取了第一页。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/recognize_tab.py" line="277"/>
        <source>Read in {0:.0f} ms</source>
        <translation>识别用时 {0:.0f} 毫秒</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/recognize_tab.py" line="284"/>
        <source>Nothing read yet to copy.</source>
        <translation>还没有可复制的识别结果。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/recognize_tab.py" line="287"/>
        <source>Copied {0}</source>
        <translation>已复制 {0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../mnist_desktop/gui/recognize_tab.py" line="308"/>
        <source>You typed %n digit(s)</source>
        <translation>
            <numerusform>你输入了 %n 个数字</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../mnist_desktop/gui/recognize_tab.py" line="309"/>
        <source>but %n digit(s) were found in the picture.</source>
        <translation>
            <numerusform>但图中找到了 %n 个数字。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/recognize_tab.py" line="310"/>
        <source>{0}, {1} Type one digit per box, or redraw so the digits are apart.</source>
        <translation>{0}，{1}每个框输入一个数字，或重新书写让数字分开。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/recognize_tab.py" line="313"/>
        <source>Type the digits you wrote, left to right.</source>
        <translation>请从左到右输入你写的数字。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/recognize_tab.py" line="387"/>
        <source>Inside the Network…</source>
        <translation>网络内部…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/recognize_tab.py" line="388"/>
        <source>Drawing</source>
        <translation>绘图</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/recognize_tab.py" line="389"/>
        <source>Draw with the mouse or a pen</source>
        <translation>用鼠标或手写笔书写</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/recognize_tab.py" line="390"/>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/recognize_tab.py" line="391"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/recognize_tab.py" line="392"/>
        <source>Clear the drawing (Delete; Ctrl+Z brings it back). Over an image: back to the drawing</source>
        <translation>清空绘图（Delete；按 Ctrl+Z 可恢复）。显示图片时：回到绘图</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/recognize_tab.py" line="393"/>
        <source>Preprocessing steps (selected digit):</source>
        <translation>预处理步骤（所选数字）：</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/result_panel.py" line="74"/>
        <location filename="../../mnist_desktop/gui/widgets/result_panel.py" line="223"/>
        <source>The 28x28 picture the network was given</source>
        <translation>输入网络的 28x28 图像</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/result_panel.py" line="167"/>
        <source>Digit {0}: doubtful, for the reason above</source>
        <translation>数字 {0}：有疑问，原因见上方</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/result_panel.py" line="168"/>
        <source>Digit {0}: {1} sure</source>
        <translation>数字 {0}：把握 {1}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/result_panel.py" line="169"/>
        <source>Right-click to say which digit it really is</source>
        <translation>右键点击可指出它实际是哪个数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/result_panel.py" line="181"/>
        <source>It is really…</source>
        <translation>它实际是…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/result_panel.py" line="183"/>
        <source>It is a {0}</source>
        <translation>它是 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/result_panel.py" line="198"/>
        <source>Draw a digit or a number, or open an image (Ctrl+O).</source>
        <translation>写一个数字或一串数字，或打开图片（Ctrl+O）。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/result_panel.py" line="199"/>
        <source>No digit found: the image looks blank.</source>
        <translation>未找到数字：图像看起来是空白的。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/result_panel.py" line="200"/>
        <source>Read with confidence.</source>
        <translation>识别结果可信。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/result_panel.py" line="201"/>
        <source>Unsure: the best guess is shown; orange boxes are doubtful.</source>
        <translation>不确定：显示的是最可能的结果；橙色框表示存疑。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/result_panel.py" line="202"/>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/result_panel.py" line="203"/>
        <source>Reading…</source>
        <translation>正在识别…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/result_panel.py" line="204"/>
        <source>Could not read this image.</source>
        <translation>无法识别这张图片。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/result_panel.py" line="216"/>
        <source>Selected digit</source>
        <translation>所选数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/result_panel.py" line="218"/>
        <source>Digit {0} of {1}</source>
        <translation>第 {0} 个数字（共 {1} 个）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/result_panel.py" line="219"/>
        <source>Top 3: </source>
        <translation>前三名：</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/result_panel.py" line="222"/>
        <source>what the model sees</source>
        <translation>模型看到的图像</translation>
    </message>
</context>
<context>
    <name>SamplesTab</name>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="131"/>
        <source>read {0}</source>
        <translation>识别为 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="144"/>
        <source>Personal samples are off: {0}</source>
        <translation>个人样本功能已关闭：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="162"/>
        <source>My Samples</source>
        <translation>我的样本</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="173"/>
        <source>Relabel</source>
        <translation>重新标注</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="173"/>
        <source>Which digit is it?</source>
        <translation>它是哪个数字？</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="181"/>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="190"/>
        <source>Export Samples</source>
        <translation>导出样本</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="182"/>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="196"/>
        <source>Zip files (*.zip)</source>
        <translation>Zip 文件 (*.zip)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="134"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; ({1})</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;（{1}）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="147"/>
        <source>Samples of your handwriting: {0}. Save more from the Recognize tab (type what you wrote under the result), then fine-tune in the Train tab.</source>
        <translation>你的笔迹样本：{0} 个。可在识别页保存更多（在结果下方输入你写的内容），然后在训练页进行微调。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="192"/>
        <source>Exported {0} samples to {1}.</source>
        <translation>已导出 {0} 个样本到 {1}。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="195"/>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="204"/>
        <source>Import Samples</source>
        <translation>导入样本</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="207"/>
        <source>Imported {0} samples ({1} already here).</source>
        <translation>已导入 {0} 个样本（{1} 个已存在）。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="211"/>
        <source>Delete All Samples</source>
        <translation>删除全部样本</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="212"/>
        <source>Delete every saved sample? Export them first to keep a copy.</source>
        <translation>删除所有已保存的样本吗？可先导出保留副本。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="219"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="221"/>
        <source>Relabel…</source>
        <translation>重新标注…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="222"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="224"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="225"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="226"/>
        <source>Delete All…</source>
        <translation>全部删除…</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../mnist_desktop/gui/help_texts.py" line="129"/>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/help_texts.py" line="136"/>
        <source>Save the digits typed under the result</source>
        <translation>保存在结果下方输入的数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/help_texts.py" line="137"/>
        <source>Delete the selected sample (My Samples)</source>
        <translation>删除选中的样本（我的样本）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/help_texts.py" line="138"/>
        <source>Cancel the training (Train)</source>
        <translation>取消训练（训练）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/help_texts.py" line="139"/>
        <source>Close Inside the Network</source>
        <translation>关闭“网络内部”窗口</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/help_texts.py" line="141"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/help_texts.py" line="141"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>StepsStrip</name>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/steps_strip.py" line="14"/>
        <source>gray</source>
        <translation>灰度</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/steps_strip.py" line="15"/>
        <source>page found, desk left out</source>
        <translation>找到纸页，已忽略桌面</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/steps_strip.py" line="16"/>
        <source>ink polarity</source>
        <translation>墨迹极性</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/steps_strip.py" line="17"/>
        <source>light flattened</source>
        <translation>光照校正</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/steps_strip.py" line="18"/>
        <source>threshold</source>
        <translation>二值化</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/steps_strip.py" line="19"/>
        <source>desk beside the page removed</source>
        <translation>去除页面旁的桌面</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/steps_strip.py" line="20"/>
        <source>specks removed</source>
        <translation>去除噪点</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/steps_strip.py" line="21"/>
        <source>rules removed</source>
        <translation>去除格线</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/steps_strip.py" line="22"/>
        <source>crop</source>
        <translation>裁剪</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/steps_strip.py" line="23"/>
        <source>stroke width</source>
        <translation>笔画粗细</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/steps_strip.py" line="24"/>
        <source>small digit: enlarged in gray</source>
        <translation>小数字：放大（保留灰度）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/steps_strip.py" line="25"/>
        <source>fit 20x20</source>
        <translation>缩放到 20x20</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/steps_strip.py" line="26"/>
        <source>centred 28x28</source>
        <translation>居中 28x28</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/steps_strip.py" line="27"/>
        <source>MNIST&apos;s format: read as is</source>
        <translation>已是 MNIST 格式：原样读取</translation>
    </message>
</context>
<context>
    <name>StoreError</name>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="67"/>
        <source>{name} is a folder; choose a file name ending in .zip</source>
        <translation>{name} 是文件夹；请选择以 .zip 结尾的文件名</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="68"/>
        <source>{name} is the sample store itself; choose another file</source>
        <translation>{name} 就是样本库本身；请选择其他文件</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="69"/>
        <source>cannot write in {folder} ({detail})</source>
        <translation>无法写入 {folder}（{detail}）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="70"/>
        <source>{name} could not be written ({detail})</source>
        <translation>无法写入 {name}（{detail}）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="71"/>
        <source>{name} is not a regular file; nothing was imported</source>
        <translation>{name} 不是普通文件；未导入任何内容</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="72"/>
        <source>{name} was not imported: {why}; nothing was added</source>
        <translation>未导入 {name}：{why}；未添加任何内容</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="73"/>
        <source>{name} is not a samples export of this app ({detail}); nothing was added</source>
        <translation>{name} 不是本应用导出的样本（{detail}）；未添加任何内容</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/error_text.py" line="75"/>
        <source>{name} cannot be read ({detail}); nothing was added</source>
        <translation>无法读取 {name}（{detail}）；未添加任何内容</translation>
    </message>
</context>
<context>
    <name>TrainResults</name>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_results.py" line="88"/>
        <source>True {0}, read as {1} ({2})</source>
        <translation>真实为 {0}，识别为 {1}（{2}）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_results.py" line="92"/>
        <source>Confusion matrix (rows: true digit, columns: predicted)</source>
        <translation>混淆矩阵（行：真实数字，列：预测）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_results.py" line="93"/>
        <source>Misclassified test digits (click one)</source>
        <translation>识别错误的测试数字（点击查看）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_results.py" line="95"/>
        <source>These are the results of the previous run; a new run is in progress.</source>
        <translation>以下是上一次训练的结果；新的训练正在进行。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_results.py" line="96"/>
        <source>These are the results of the previous run: the last run was cancelled.</source>
        <translation>以下是上一次训练的结果：最近一次训练已取消。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_results.py" line="97"/>
        <source>These are the results of the previous run: the last run failed.</source>
        <translation>以下是上一次训练的结果：最近一次训练失败。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_results.py" line="102"/>
        <source>Train a model to see its results here.</source>
        <translation>训练一个模型后，结果会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_results.py" line="106"/>
        <source>now the active model</source>
        <translation>现已是当前模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_results.py" line="107"/>
        <source>active model: {0:.2%}</source>
        <translation>当前模型：{0:.2%}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_results.py" line="108"/>
        <source>active model: unknown</source>
        <translation>当前模型：未知</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_results.py" line="109"/>
        <source>&lt;b&gt;Test accuracy {0:.2%}&lt;/b&gt; ({1}) — loss {2:.4f}, {3:.0f} s of training</source>
        <translation>&lt;b&gt;测试准确率 {0:.2%}&lt;/b&gt;（{1}）— 损失 {2:.4f}，训练 {3:.0f} 秒</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_results.py" line="112"/>
        <source>Per class: </source>
        <translation>各类别：</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_results.py" line="120"/>
        <source>n/a</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_results.py" line="122"/>
        <source>Fine-tuned: MNIST {0} → {1}; your held-back samples {2} → {3}</source>
        <translation>已微调：MNIST {0} → {1}；你预留的样本 {2} → {3}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_results.py" line="126"/>
        <source>(save two or more of a digit so some can be held back to measure)</source>
        <translation>（每个数字保存两个以上，才能预留一部分用于评估）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_results.py" line="128"/>
        <source>Warning: MNIST&apos;s {0}s are read right {1} (were {2}), mostly as {3}: save a few of your plain {0}s too, then fine-tune again.</source>
        <translation>警告：MNIST 中的 {0} 现在识别正确率为 {1}（原为 {2}），多被读成 {3}：请也保存几个您写的普通 {0}，然后重新微调。</translation>
    </message>
</context>
<context>
    <name>TrainSettings</name>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="117"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="118"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="118"/>
        <source>Architecture</source>
        <translation>网络结构</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="118"/>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="118"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="119"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="119"/>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="119"/>
        <source>Pen-style digits</source>
        <translation>笔迹风格数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="120"/>
        <source>Touching digits</source>
        <translation>相连数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="120"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="120"/>
        <source>Handwriting styles</source>
        <translation>手写风格</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="126"/>
        <source>Fast (seconds)</source>
        <translation>快速（几秒）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="127"/>
        <source>Best (about a minute and a half)</source>
        <translation>最佳（约一分半钟）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="128"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="131"/>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="131"/>
        <source>light: rotate, scale, shear, shift</source>
        <translation>轻度：旋转、缩放、错切、平移</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="132"/>
        <source>full: also wobble and stroke width</source>
        <translation>完整：另加扭曲和笔画粗细</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="134"/>
        <source>also MNIST redrawn with an even pen, as you draw</source>
        <translation>同时使用以等宽笔重绘的 MNIST（就像你书写的那样）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="135"/>
        <source>Reads mouse and stylus drawings better; MNIST itself about as well</source>
        <translation>更能识别鼠标和手写笔书写；MNIST 本身的准确率基本不变</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="136"/>
        <source>also digits that touch, to cut numbers apart</source>
        <translation>另加相连的数字，以便把数字串正确切开</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="137"/>
        <source>Reads numbers whose digits touch (&quot;16&quot; in one stroke) better; single digits about as well</source>
        <translation>更好地识别数字相连的数（如一笔写成的“16”）；单个数字的识别基本不变</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="139"/>
        <source>also handwriting styles MNIST lacks</source>
        <translation>同时加入 MNIST 缺少的手写风格</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="140"/>
        <source>Flagged 1s, crossed 7s, open 4s, strong slants, hairline to marker pens: reads other people&apos;s writing better</source>
        <translation>带旗的 1、带横的 7、开口的 4、大幅倾斜、从细线笔到马克笔：更能读懂别人的字迹</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="142"/>
        <source>Auto (CUDA, MPS or CPU)</source>
        <translation>自动（CUDA、MPS 或 CPU）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="145"/>
        <source>mnistnet (ours, default)</source>
        <translation>mnistnet（我们的，默认）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="145"/>
        <source>mnistnet2 (ours)</source>
        <translation>mnistnet2（我们的）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="146"/>
        <source>mnistnet2w (ours, wide)</source>
        <translation>mnistnet2w（我们的，加宽版）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="147"/>
        <source>midnet (ours, mid-size)</source>
        <translation>midnet（我们的，中等大小）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="148"/>
        <source>quicknet (ours, fast)</source>
        <translation>quicknet（我们的，快速）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="148"/>
        <source>seed 001 CNN (BN + dropout)</source>
        <translation>种子 001 卷积网络（BN + dropout）</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="149"/>
        <source>seed 002/004 small CNN</source>
        <translation>种子 002/004 小型卷积网络</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="149"/>
        <source>seed 000 MLP 784-128-256-10</source>
        <translation>种子 000 多层感知机 784-128-256-10</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/widgets/train_settings.py" line="150"/>
        <source>seed 003 MLP 784-128-64-10</source>
        <translation>种子 003 多层感知机 784-128-64-10</translation>
    </message>
</context>
<context>
    <name>TrainTab</name>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="121"/>
        <source>MNIST found in {0}.</source>
        <translation>已在 {0} 找到 MNIST。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="122"/>
        <source>MNIST is not in {0} yet: download it, or use a folder with the four MNIST files.</source>
        <translation>{0} 中还没有 MNIST：请下载，或选择包含四个 MNIST 文件的文件夹。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="127"/>
        <source>Downloading MNIST…</source>
        <translation>正在下载 MNIST…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="130"/>
        <source>Folder with the MNIST files</source>
        <translation>包含 MNIST 文件的文件夹</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="135"/>
        <source>Copying MNIST from {0}…</source>
        <translation>正在从 {0} 复制 MNIST…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="140"/>
        <source>MNIST ready in {0}.</source>
        <translation>MNIST 已就绪：{0}。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="164"/>
        <source>MNIST is needed to train. Download it or choose a folder first.</source>
        <translation>训练需要 MNIST。请先下载或选择文件夹。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_jobs.py" line="25"/>
        <source>Pen-style digits: {0:.0%} of each batch. Preparing them takes about a minute the first time.</source>
        <translation>笔迹风格数字：每批占 {0:.0%}。首次准备约需一分钟。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_jobs.py" line="29"/>
        <source>Touching digits: {0:.0%} of each batch, as an extra &quot;several digits&quot; answer. Composing them takes about a minute the first time.</source>
        <translation>每批中 {0:.0%} 为相连的数字，作为额外的“多个数字”答案。首次合成约需一分钟。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_jobs.py" line="33"/>
        <source>Handwriting styles: {0:.0%} of each batch. Drawing them takes about a minute the first time.</source>
        <translation>手写风格：每批占 {0:.0%}。第一次绘制大约需要一分钟。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="174"/>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="183"/>
        <source>Personal samples are off, so there is nothing to fine-tune on.</source>
        <translation>个人样本功能已关闭，无法微调。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="187"/>
        <source>Fine-tuning needs at least {0} saved samples; you have {1}. Correct a few readings in the Recognize tab first, ideally several of each digit you write.</source>
        <translation>微调至少需要 {0} 个已保存的样本；你现在有 {1} 个。请先在识别页纠正一些识别结果，最好每个数字都有几个。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="192"/>
        <source>Fine-tuning also needs MNIST, so the model does not forget it. Download it or choose a folder first.</source>
        <translation>微调同样需要 MNIST，以免模型遗忘。请先下载或选择文件夹。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="196"/>
        <source>Fine-tuning the active model on {0} of your samples.</source>
        <translation>正在用你的 {0} 个样本微调当前模型。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="197"/>
        <source>Fine-tuning…</source>
        <translation>正在微调…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="203"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="227"/>
        <source>Epoch {0} · step {1}/{2} · {3:.0f} samples/s · ETA {4}</source>
        <translation>第 {0} 轮 · 步 {1}/{2} · 每秒 {3:.0f} 个样本 · 剩余 {4}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="234"/>
        <source>Epoch {0}: test accuracy {1:.2%} after {2:.1f} s of training.</source>
        <translation>第 {0} 轮：训练 {2:.1f} 秒后测试准确率 {1:.2%}。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="241"/>
        <source>Done: test accuracy {0:.2%}.</source>
        <translation>完成：测试准确率 {0:.2%}。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_jobs.py" line="139"/>
        <source>The model could not be saved: {0}</source>
        <translation>无法保存模型：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="266"/>
        <source>Saved {0} and made it the active model.</source>
        <translation>已保存 {0} 并设为当前模型。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="262"/>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="290"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="156"/>
        <source>Unsaved model</source>
        <translation>未保存的模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="157"/>
        <source>The model of the last run is not saved. Start a new run and discard it? (No keeps it: Use This Model or Save As… on the Results page.)</source>
        <translation>上一次训练得到的模型尚未保存。要开始新的训练并丢弃它吗？（选“否”可保留：在“结果”页使用“使用此模型”或“另存为…”。）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../mnist_desktop/gui/train_tab.py" line="168"/>
        <source>Training {0}: %n epoch(s), batch {1}, learning rate {2}, augmentation {3}.</source>
        <translation>
            <numerusform>训练 {0}：%n 轮，批大小 {1}，学习率 {2}，数据增强{3}。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="255"/>
        <source>Made {0} the active model again.</source>
        <translation>已重新将 {0} 设为当前模型。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="264"/>
        <source>Saved {0}; another model was chosen meanwhile, so that one stays active.</source>
        <translation>已保存 {0}；保存期间您选择了另一个模型，因此它仍是当前模型。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="282"/>
        <source>Save Model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="283"/>
        <source>PyTorch checkpoints (*.pt)</source>
        <translation>PyTorch 检查点 (*.pt)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="289"/>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="323"/>
        <source>Downloading {0} ({1} of {2})…</source>
        <translation>正在下载 {0}（第 {1} 个，共 {2} 个）…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="331"/>
        <source>Training cancelled; nothing was saved or activated.</source>
        <translation>训练已取消；没有保存或启用任何模型。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="332"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="370"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="371"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="372"/>
        <source>Use Folder…</source>
        <translation>使用文件夹…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="374"/>
        <source>Start Training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="376"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="377"/>
        <source>Fine-tune on My Samples</source>
        <translation>用我的样本微调</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="378"/>
        <source>Start from the active model and teach it your handwriting, mixing your samples with MNIST so it forgets nothing</source>
        <translation>从当前模型出发学习你的笔迹，并混入 MNIST 以免遗忘</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="381"/>
        <source>Use This Model</source>
        <translation>使用此模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="382"/>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="386"/>
        <source>loss of a batch</source>
        <translation>单批损失</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="386"/>
        <source>smoothed</source>
        <translation>平滑</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="387"/>
        <source>The loss and accuracy curves appear here once training starts.</source>
        <translation>训练开始后，损失和准确率曲线会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="383"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="248"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="383"/>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="383"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="385"/>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="385"/>
        <source>Test accuracy (%)</source>
        <translation>测试准确率 (%)</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="385"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/train_tab.py" line="385"/>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
</context>
<context>
    <name>canvas</name>
    <message>
        <location filename="../../mnist_desktop/gui/canvas.py" line="82"/>
        <source>Draw stroke</source>
        <translation>画笔画</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/canvas.py" line="96"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
</context>
<context>
    <name>tab</name>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="35"/>
        <source>Delete sample</source>
        <translation>删除样本</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/samples_tab.py" line="49"/>
        <source>Relabel sample</source>
        <translation>重新标注样本</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../mnist_desktop/gui/app.py" line="87"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../../mnist_desktop/gui/app.py" line="88"/>
        <source>Something went wrong; your drawing is still there.</source>
        <translation>出了点问题；你的绘图仍然保留着。</translation>
    </message>
</context>
</TS>
