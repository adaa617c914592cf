<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ComparePage</name>
    <message numerus="yes">
        <location filename="../../mnist_desktop/gui/compare_page.py" line="340"/>
        <source>Done: %n model(s).</source>
        <translation>
            <numerusform>Done: %n model.</numerusform>
            <numerusform>Done: %n models.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecognizeTab</name>
    <message numerus="yes">
        <location filename="../../mnist_desktop/gui/recognize_tab.py" line="308"/>
        <source>You typed %n digit(s)</source>
        <translation>
            <numerusform>You typed %n digit</numerusform>
            <numerusform>You typed %n digits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../mnist_desktop/gui/recognize_tab.py" line="309"/>
        <source>but %n digit(s) were found in the picture.</source>
        <translation>
            <numerusform>but %n digit was found in the picture.</numerusform>
            <numerusform>but %n digits were found in the picture.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainTab</name>
    <message numerus="yes">
        <location filename="../../mnist_desktop/gui/train_tab.py" line="168"/>
        <source>Training {0}: %n epoch(s), batch {1}, learning rate {2}, augmentation {3}.</source>
        <translation>
            <numerusform>Training {0}: %n epoch, batch {1}, learning rate {2}, augmentation {3}.</numerusform>
            <numerusform>Training {0}: %n epochs, batch {1}, learning rate {2}, augmentation {3}.</numerusform>
        </translation>
    </message>
</context>
</TS>
