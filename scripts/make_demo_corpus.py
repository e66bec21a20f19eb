"""Write python/warta/data/demo_corpus.jsonl.gz: the bundled demo corpus.

Every story here is written by this project: hand-written press-release style stories about
regional governments (the office holders' names are public facts; the events are invented),
plus short notices built from sentence templates. Each story is republished across invented
sites with :mod:`warta.synth` (new dateline, site chrome, "Baca juga" lines, trimmed endings,
retyped words, swapped paragraphs, other paragraph separators), over three dates.

    python scripts/make_demo_corpus.py [--out PATH] [--seed N]

Records: id, url, source, date, title, text, story (ground-truth story id). Deterministic.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "python"))

from warta import synth  # noqa: E402

DATES = ["2025-06-10", "2025-06-11", "2025-06-12"]

# (title, dateline city, paragraphs) -- written for this corpus; events are invented.
STORIES = [
    (
        "Gubernur Andra Soni Resmikan Jembatan Cibeureum, Warga Lebak Tak Lagi Memutar 12 Kilometer",
        "LEBAK",
        [
            "Gubernur Banten Andra Soni meresmikan Jembatan Cibeureum di Kecamatan Cileles, Kabupaten Lebak, Selasa pagi. Jembatan beton sepanjang 64 meter itu menggantikan jembatan gantung yang putus diterjang banjir dua tahun lalu.",
            "Selama jembatan putus, warga dua desa harus memutar sejauh 12 kilometer untuk mencapai pasar dan puskesmas kecamatan. Anak-anak sekolah bahkan kerap menyeberangi sungai dengan rakit bambu saat air surut.",
            '"Jalan dan jembatan adalah urat nadi ekonomi desa. Kami ingin petani bisa membawa hasil panen ke pasar tanpa kehilangan setengah hari di jalan," kata Andra Soni usai menggunting pita.',
            "Pembangunan jembatan menelan anggaran Rp 9,8 miliar dari APBD Provinsi Banten tahun 2025 dan dikerjakan selama tujuh bulan oleh Dinas Pekerjaan Umum dan Penataan Ruang (PUPR) Banten.",
            "Bupati Lebak Mochamad Hasbi Asyidiki Jayabaya yang turut hadir berterima kasih kepada Pemprov Banten. Menurut Hasbi, masih ada sembilan jembatan gantung lain di Lebak yang kondisinya kritis dan diusulkan untuk dibangun tahun depan.",
        ],
    ),
    (
        "Wagub Dimyati Buka MTQ ke-22 Tingkat Provinsi Banten di Pandeglang",
        "PANDEGLANG",
        [
            "Wakil Gubernur Banten A. Dimyati Natakusumah membuka Musabaqah Tilawatil Quran (MTQ) ke-22 tingkat Provinsi Banten di alun-alun Pandeglang, Rabu malam. Sebanyak 842 peserta dari delapan kabupaten dan kota ikut bertanding dalam sepuluh cabang lomba.",
            "Dalam sambutannya, Dimyati meminta dewan hakim bekerja jujur dan transparan. Ia juga berharap MTQ tidak sekadar menjadi ajang perebutan piala, tetapi menumbuhkan kecintaan generasi muda pada Al Quran.",
            '"Juara itu bonus. Yang paling penting anak-anak kita dekat dengan Al Quran dan akhlaknya terjaga," ujar Dimyati disambut tepuk tangan ribuan warga yang memadati alun-alun.',
            "Bupati Pandeglang Raden Dewi Setiani mengatakan Pandeglang siap menjadi tuan rumah yang baik. Pemkab menyiapkan 31 rumah warga sebagai pemondokan kafilah dan menambah armada angkutan gratis dari penginapan ke arena lomba.",
            "MTQ akan berlangsung hingga Minggu depan. Para juara akan mewakili Banten pada MTQ tingkat nasional tahun depan.",
        ],
    ),
    (
        "Plh Sekda Banten Deden Apriandhi Minta OPD Kebut Serapan Anggaran Triwulan II",
        "SERANG",
        [
            "Pelaksana Harian (Plh) Sekretaris Daerah (Sekda) Banten, Deden Apriandhi, meminta seluruh organisasi perangkat daerah (OPD) mempercepat serapan anggaran. Hingga pekan kedua Juni, realisasi belanja Pemprov Banten baru mencapai 31,4 persen.",
            "Permintaan itu disampaikan Deden saat memimpin rapat evaluasi pelaksanaan anggaran di Pendopo Gubernur Banten, KP3B, Curug, Kota Serang. Rapat dihadiri kepala OPD dan pejabat pengadaan barang dan jasa.",
            '"Jangan menunggu akhir tahun. Kegiatan fisik yang sudah selesai lelang harus segera dikontrakkan supaya manfaatnya cepat dirasakan masyarakat," kata Deden.',
            "Ia menyebut sejumlah OPD masih tertahan pada proses administrasi dan revisi dokumen pelaksanaan anggaran. Deden meminta Biro Pengadaan Barang dan Jasa membuka layanan konsultasi setiap hari agar hambatan teknis bisa diselesaikan tanpa menunggu rapat berikutnya.",
            "Menurut Deden, Gubernur Andra Soni menargetkan serapan anggaran minimal 50 persen pada akhir Juli. OPD yang serapannya rendah akan dipanggil untuk menjelaskan kendalanya secara langsung.",
        ],
    ),
    (
        "Wabup Serang Najib Hamas Tinjau Posyandu, Target Stunting Turun di Bawah 14 Persen",
        "SERANG",
        [
            "Wakil Bupati (Wabup) Serang, Muhammad Najib Hamas, meninjau Posyandu Melati di Desa Nambo Ilir, Kecamatan Kibin, Kamis. Kunjungan itu bagian dari gerakan serentak penimbangan balita di 29 kecamatan di Kabupaten Serang.",
            "Najib berdialog dengan kader posyandu dan ibu-ibu yang membawa balitanya. Ia menanyakan ketersediaan makanan tambahan, alat timbang dan jadwal kunjungan bidan desa.",
            '"Kader posyandu adalah ujung tombak. Kalau datanya rapi, intervensinya tepat sasaran dan anggaran tidak terbuang," ujar Najib Hamas.',
            "Berdasarkan data Dinas Kesehatan Kabupaten Serang, prevalensi stunting di daerah itu masih 17,2 persen. Pemkab Serang menargetkan angka itu turun di bawah 14 persen pada akhir 2026 melalui pemberian makanan tambahan berbahan pangan lokal dan pendampingan keluarga berisiko.",
            "Najib juga meminta camat dan kepala desa mengalokasikan dana desa untuk perbaikan sanitasi dan air bersih, karena dua hal itu ikut menentukan tumbuh kembang anak.",
        ],
    ),
    (
        "Benyamin Davnie Luncurkan Aplikasi Izin Kilat, Urus IMB di Tangsel Cukup Tiga Hari",
        "TANGERANG SELATAN",
        [
            "Wali Kota Tangerang Selatan Benyamin Davnie meluncurkan aplikasi Izin Kilat di Gedung Pusat Pemerintahan Kota Tangsel, Ciputat, Senin. Melalui aplikasi itu, warga dapat mengurus persetujuan bangunan gedung dan sejumlah izin usaha mikro dari telepon genggam.",
            "Benyamin mengatakan waktu pengurusan persetujuan bangunan untuk rumah tinggal dipangkas dari rata-rata 14 hari menjadi tiga hari kerja. Seluruh berkas diperiksa secara daring dan pemohon dapat memantau status permohonannya setiap saat.",
            '"Tidak ada lagi alasan warga harus datang berkali-kali ke kantor. Kalau berkasnya lengkap, tiga hari selesai," kata pria yang akrab disapa Pak Ben itu.',
            "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu (DPMPTSP) Tangsel menjelaskan aplikasi dikembangkan bersama Dinas Komunikasi dan Informatika. Pada tahap awal, 23 jenis layanan sudah tersedia.",
            "Wakil Wali Kota Pilar Saga Ichsan menambahkan, pemkot akan membuka gerai pendampingan di setiap kecamatan bagi warga lanjut usia yang belum terbiasa menggunakan aplikasi.",
        ],
    ),
    (
        "Diskominfo Banten Latih 300 Perangkat Desa Kelola Website dan Data Desa",
        "SERANG",
        [
            "Dinas Komunikasi, Informatika, Statistik dan Persandian (Diskominfo) Provinsi Banten menggelar pelatihan pengelolaan website desa bagi 300 perangkat desa dari Kabupaten Serang, Pandeglang dan Lebak. Pelatihan berlangsung tiga hari di sebuah hotel di Kota Serang.",
            "Peserta belajar memperbarui profil desa, mengunggah laporan penggunaan dana desa dan mengisi data kependudukan sederhana. Materi keamanan siber dasar juga diberikan agar akun pengelola tidak mudah dibajak.",
            "Kepala Diskominfo Banten mengatakan masih banyak website desa yang tidak diperbarui sejak dibuat. Padahal warga membutuhkan informasi tentang layanan, jadwal posyandu, dan penyaluran bantuan sosial.",
            '"Website desa harus hidup. Kalau informasinya basi, warga kembali bertanya lewat grup percakapan dan kabar simpang siur mudah menyebar," ujarnya.',
            "Usai pelatihan, setiap desa peserta akan didampingi operator dari Diskominfo selama tiga bulan. Desa dengan pengelolaan website terbaik akan mendapat penghargaan pada peringatan Hari Jadi Provinsi Banten.",
        ],
    ),
    (
        "DPRD Banten Setujui Raperda Perubahan APBD 2025 dalam Rapat Paripurna",
        "SERANG",
        [
            "Dewan Perwakilan Rakyat Daerah (DPRD) Provinsi Banten menyetujui Rancangan Peraturan Daerah tentang Perubahan APBD Tahun Anggaran 2025 dalam rapat paripurna, Selasa sore. Persetujuan diambil setelah seluruh fraksi menyampaikan pendapat akhir.",
            "Dalam perubahan itu, pendapatan daerah diproyeksikan naik Rp 412 miliar, terutama dari pajak kendaraan bermotor dan bea balik nama kendaraan. Belanja tambahan diarahkan ke perbaikan jalan provinsi, beasiswa mahasiswa berprestasi dan rehabilitasi ruang kelas SMA dan SMK negeri.",
            "Sejumlah fraksi memberi catatan agar pemprov memperbaiki perencanaan sehingga tidak ada lagi kegiatan yang gagal lelang di akhir tahun. Fraksi lain meminta tambahan anggaran untuk penanganan banjir di wilayah utara Kabupaten Tangerang.",
            "Gubernur Banten Andra Soni yang hadir dalam paripurna menyampaikan terima kasih kepada dewan. Ia berjanji seluruh catatan fraksi akan ditindaklanjuti oleh OPD terkait.",
            "Raperda yang telah disetujui selanjutnya akan dievaluasi Kementerian Dalam Negeri sebelum ditetapkan menjadi peraturan daerah.",
        ],
    ),
    (
        "Bupati Ratu Zakiyah Serahkan 40 Ton Benih Padi untuk Petani Tanara dan Tirtayasa",
        "SERANG",
        [
            "Bupati Serang Ratu Rachmatuzakiyah menyerahkan bantuan 40 ton benih padi unggul kepada 86 kelompok tani di Kecamatan Tanara dan Tirtayasa. Penyerahan dilakukan di balai penyuluhan pertanian Tanara, Rabu pagi.",
            "Bantuan tersebut diharapkan membantu petani yang gagal panen akibat banjir rob awal tahun. Selain benih, Pemkab Serang juga menyalurkan pupuk hayati dan pestisida nabati.",
            '"Petani tidak boleh dibiarkan sendirian menghadapi gagal panen. Musim tanam ini harus berhasil," kata Ratu Zakiyah di hadapan para ketua kelompok tani.',
            "Kepala Dinas Pertanian Kabupaten Serang menjelaskan varietas yang dibagikan tahan genangan hingga dua minggu, sehingga cocok untuk sawah di pesisir utara yang kerap tergenang.",
            "Bupati juga meminta penyuluh mendampingi petani sejak persemaian hingga panen, serta mencatat hasil panen per hektare sebagai bahan evaluasi program tahun depan.",
        ],
    ),
    (
        "Wali Kota Bengkulu Dedy Wahyudi Canangkan Gerakan Bersih Pantai Panjang",
        "BENGKULU",
        [
            "Wali Kota Bengkulu Dedy Wahyudi mencanangkan Gerakan Bersih Pantai Panjang setiap Jumat pagi. Pencanangan ditandai dengan aksi memungut sampah bersama ribuan aparatur sipil negara, pelajar dan komunitas pecinta lingkungan.",
            "Dalam dua jam, peserta mengumpulkan sekitar 3,5 ton sampah, sebagian besar berupa plastik kemasan dan batok kelapa. Sampah plastik dipilah dan dikirim ke bank sampah binaan Pemkot Bengkulu.",
            '"Pantai Panjang adalah wajah Kota Bengkulu. Wisatawan akan datang kalau pantainya bersih, dan pedagang di sepanjang pantai ikut merasakan hasilnya," kata Dedy.',
            "Wakil Wali Kota Ronny PL Tobing menambahkan, pemkot akan menambah 40 tong sampah terpilah dan menempatkan petugas kebersihan pada akhir pekan. Pedagang yang membuang sampah sembarangan akan diberi teguran hingga sanksi pencabutan izin lapak.",
            "Gerakan ini juga melibatkan kelurahan di sepanjang pesisir. Kelurahan terbersih setiap bulan akan mendapat hadiah berupa sarana kebersihan.",
        ],
    ),
    (
        "Gubernur Helmi Hasan Tinjau Jalan Provinsi Rusak di Bengkulu Utara",
        "BENGKULU",
        [
            "Gubernur Bengkulu Helmi Hasan meninjau ruas jalan provinsi yang rusak parah di Kecamatan Arga Makmur, Kabupaten Bengkulu Utara. Sepanjang kurang lebih 18 kilometer, aspal jalan itu mengelupas dan berlubang setelah dilalui truk bermuatan berat.",
            "Helmi sempat berhenti di beberapa titik dan berbincang dengan warga serta sopir angkutan. Para sopir mengeluhkan waktu tempuh yang kini dua kali lebih lama dan kerusakan kendaraan yang makin sering.",
            '"Kita perbaiki bertahap mulai bulan depan. Titik yang paling parah didahulukan supaya tidak ada lagi kecelakaan," ujar Helmi.',
            "Ia juga meminta dinas perhubungan menertibkan truk yang melebihi muatan. Menurut Helmi, perbaikan jalan akan sia-sia bila kendaraan bertonase berlebih terus melintas tanpa pengawasan.",
            "Wakil Gubernur Mian yang mendampingi peninjauan mengatakan pemprov akan mengajak perusahaan perkebunan dan tambang di sekitar ruas tersebut untuk ikut memelihara jalan.",
        ],
    ),
    (
        "Wali Kota Cilegon Robinsar Buka Pasar Murah di 43 Kelurahan Jelang Iduladha",
        "CILEGON",
        [
            "Wali Kota Cilegon Robinsar membuka pasar murah serentak di 43 kelurahan menjelang Iduladha. Pembukaan dipusatkan di halaman Kantor Kecamatan Jombang, Kamis pagi, dan langsung diserbu warga sejak subuh.",
            "Pasar murah menjual beras, minyak goreng, gula pasir, telur dan tepung terigu dengan harga di bawah harga pasar. Setiap warga dapat membeli paket sembako senilai Rp 150 ribu dengan harga Rp 95 ribu.",
            '"Subsidi ini untuk menjaga daya beli warga menjelang hari raya. Kami minta lurah memastikan yang antre benar-benar warga yang membutuhkan," kata Robinsar.',
            "Wakil Wali Kota Cilegon Fajar Hadi Prabowo menyebut Pemkot menyiapkan 12.000 paket sembako. Penyaluran bekerja sama dengan Perum Bulog dan sejumlah badan usaha milik daerah.",
            "Robinsar juga meminta Dinas Perindustrian dan Perdagangan memantau harga daging dan cabai di pasar tradisional setiap hari hingga sepekan setelah Iduladha.",
        ],
    ),
    (
        "Bupati Lebak Hasbi Jayabaya Resmikan Sekolah Rakyat di Rangkasbitung",
        "LEBAK",
        [
            "Bupati Lebak Mochamad Hasbi Asyidiki Jayabaya meresmikan gedung sekolah rakyat di Kecamatan Rangkasbitung. Sekolah berasrama itu akan menampung 150 siswa dari keluarga miskin ekstrem mulai tahun ajaran baru.",
            "Hasbi mengatakan seluruh biaya pendidikan, makan dan asrama ditanggung pemerintah. Siswa dipilih berdasarkan data terpadu kesejahteraan sosial yang diverifikasi ulang oleh pendamping desa.",
            '"Kemiskinan tidak boleh diwariskan. Anak-anak ini harus punya kesempatan yang sama dengan anak-anak lain," kata Hasbi saat meninjau ruang kelas dan kamar asrama.',
            "Wakil Bupati Lebak Amir Hamzah menambahkan, pemkab telah merekrut 18 guru dan enam pengasuh asrama. Para guru menjalani pelatihan khusus agar mampu mendampingi siswa yang selama ini putus sekolah.",
            "Pemkab Lebak berencana membangun satu sekolah rakyat lagi di wilayah selatan yang jauh dari pusat kota.",
        ],
    ),
    (
        "Pemkot Tangerang Gelar Operasi Pasar Beras Murah, Sachrudin Pantau Langsung",
        "TANGERANG",
        [
            "Pemerintah Kota Tangerang menggelar operasi pasar beras murah di Pasar Anyar dan Pasar Bandeng. Wali Kota Tangerang Sachrudin memantau langsung penjualan beras medium seharga Rp 12.500 per kilogram, Selasa.",
            "Operasi pasar dilakukan menyusul kenaikan harga beras medium yang sempat menyentuh Rp 14.800 per kilogram dalam dua pekan terakhir. Sebanyak 60 ton beras disiapkan untuk sepuluh hari operasi pasar.",
            '"Kami ingin harga kembali stabil. Setiap warga boleh membeli maksimal sepuluh kilogram supaya merata," ujar Sachrudin.',
            "Wakil Wali Kota Maryono Hasan meminta pedagang tidak menimbun beras. Tim gabungan dari Dinas Ketahanan Pangan dan kepolisian akan memeriksa gudang-gudang distributor di Kota Tangerang.",
            "Operasi pasar juga akan digelar bergilir di 13 kecamatan dengan menggunakan mobil keliling.",
        ],
    ),
    (
        "Gubernur Jabar Dedi Mulyadi Kunjungi Korban Longsor di Sumedang",
        "BANDUNG",
        [
            "Gubernur Jawa Barat Dedi Mulyadi mengunjungi warga korban longsor di Kecamatan Cimanggung, Kabupaten Sumedang. Longsor yang terjadi setelah hujan deras semalaman merusak 27 rumah dan memutus akses jalan desa.",
            "Dedi menyusuri lokasi longsor dengan berjalan kaki dan menemui warga di tenda pengungsian. Ia memastikan kebutuhan makanan, selimut dan obat-obatan tercukupi selama masa tanggap darurat.",
            '"Rumah yang rusak berat akan kita bangun kembali di lokasi yang lebih aman. Jangan ada lagi warga yang tinggal di bawah tebing rawan," kata Dedi.',
            "Badan Penanggulangan Bencana Daerah (BPBD) Jawa Barat mencatat 96 jiwa mengungsi. Alat berat dikerahkan untuk membuka akses jalan yang tertimbun material longsor.",
            "Dedi juga meminta pemerintah kabupaten mendata ulang permukiman di lereng curam dan menghentikan izin pembangunan perumahan baru di kawasan rawan longsor.",
        ],
    ),
    (
        "Wali Kota Bandung Muhammad Farhan Targetkan Sampah Kota Berkurang 30 Persen",
        "BANDUNG",
        [
            "Wali Kota Bandung Muhammad Farhan menargetkan volume sampah yang dibuang ke tempat pemrosesan akhir berkurang 30 persen hingga akhir tahun. Target itu disampaikan saat meluncurkan program pemilahan sampah dari rumah di Kelurahan Sukaluyu.",
            "Farhan mengatakan setiap kelurahan wajib memiliki tempat pengolahan sampah organik. Sisa makanan dan daun akan diolah menjadi kompos dan pakan maggot oleh kelompok warga.",
            '"Bandung tidak bisa terus bergantung pada tempat pembuangan akhir yang kapasitasnya terbatas. Solusinya harus dimulai dari dapur kita masing-masing," kata Farhan yang akrab disapa Kang Farhan.',
            "Wakil Wali Kota Erwin menambahkan, pemkot akan memberi insentif bagi RW yang berhasil mengurangi sampah paling banyak. Insentif berupa dana pembangunan lingkungan dan peralatan pengolahan sampah.",
            "Dinas Lingkungan Hidup Kota Bandung mencatat rata-rata sampah kota mencapai 1.500 ton per hari, dengan porsi sampah organik lebih dari separuhnya.",
        ],
    ),
    (
        "Khofifah Lepas Ekspor Perdana Kopi Robusta Petani Jatim ke Mesir",
        "SURABAYA",
        [
            "Gubernur Jawa Timur Khofifah Indar Parawansa melepas ekspor perdana 36 ton kopi robusta hasil petani Jawa Timur ke Mesir dari Terminal Peti Kemas Surabaya. Kopi tersebut berasal dari koperasi petani di lereng Gunung Argopuro.",
            "Khofifah mengatakan pasar Timur Tengah dan Afrika Utara masih terbuka lebar untuk kopi Indonesia. Pemprov Jatim akan membantu koperasi memenuhi standar mutu dan sertifikasi yang disyaratkan negara tujuan.",
            '"Petani harus menikmati nilai tambah. Kalau dulu menjual biji asalan, sekarang mereka menjual kopi yang disortir dan dikemas sesuai standar ekspor," ujar Khofifah.',
            "Wakil Gubernur Emil Elestianto Dardak menambahkan, pemprov menyiapkan pendampingan pascapanen bagi 40 koperasi kopi lain agar menyusul masuk pasar ekspor.",
            "Ketua koperasi petani kopi mengaku harga jual ke pembeli luar negeri lebih tinggi sekitar 20 persen dibandingkan menjual ke tengkulak.",
        ],
    ),
    (
        "Eri Cahyadi Wajibkan Kampung di Surabaya Punya Rumah Padat Karya",
        "SURABAYA",
        [
            "Wali Kota Surabaya Eri Cahyadi meminta setiap kelurahan memiliki rumah padat karya yang dikelola warga. Rumah padat karya menjadi tempat pelatihan dan produksi usaha kecil, seperti menjahit, membuat kue dan mencuci sepatu.",
            "Eri menyampaikan hal itu saat meninjau rumah padat karya di Kelurahan Tambak Wedi, Kecamatan Kenjeran. Di tempat itu, puluhan ibu rumah tangga memproduksi seragam sekolah pesanan pemkot.",
            '"Pemkot punya belanja seragam, makanan dan jasa kebersihan. Belanja itu harus diputar di kampung supaya warga miskin punya penghasilan," kata Eri.',
            "Wakil Wali Kota Armuji yang akrab disapa Cak Ji menyebut sudah ada 218 rumah padat karya di Surabaya. Pemkot menargetkan semua kelurahan memilikinya sebelum akhir tahun.",
            "Camat dan lurah diminta mendata warga usia produktif yang belum bekerja untuk diikutkan pelatihan di rumah padat karya terdekat.",
        ],
    ),
    (
        "Gubernur Jateng Ahmad Luthfi Resmikan Embung untuk Petani Grobogan",
        "SEMARANG",
        [
            "Gubernur Jawa Tengah Ahmad Luthfi meresmikan Embung Sumberejo di Kabupaten Grobogan. Embung berkapasitas 120.000 meter kubik itu akan mengairi sekitar 180 hektare sawah tadah hujan di tiga desa.",
            "Selama ini petani di kawasan tersebut hanya bisa menanam padi sekali setahun. Dengan adanya embung, mereka berharap bisa menanam dua kali dan menyelingi dengan jagung saat kemarau.",
            '"Air adalah kunci ketahanan pangan. Embung ini harus dirawat bersama, jangan sampai dangkal karena sedimentasi," kata Luthfi.',
            "Wakil Gubernur Taj Yasin Maimoen yang akrab disapa Gus Yasin mengingatkan kelompok petani pemakai air untuk membagi air secara adil. Ia meminta jadwal pembagian air dibuat tertulis dan diumumkan di balai desa.",
            "Pemprov Jawa Tengah menargetkan membangun 40 embung baru di daerah rawan kekeringan hingga akhir 2026.",
        ],
    ),
    (
        "Pramono Anung Tambah Rute Transjakarta ke Perbatasan Tangerang Selatan",
        "JAKARTA",
        [
            "Gubernur Jakarta Pramono Anung Wibowo meresmikan tiga rute baru Transjakarta yang menghubungkan Jakarta dengan kawasan perbatasan Tangerang Selatan. Rute tersebut melayani penumpang dari Pondok Cabe, Bintaro dan Ciputat menuju pusat kota.",
            "Pramono mengatakan rute baru dibuka untuk mengurangi kendaraan pribadi yang masuk Jakarta setiap pagi. Tarif tetap Rp 3.500 dan penumpang dapat berpindah ke layanan lain tanpa membayar lagi dalam waktu tiga jam.",
            '"Warga penyangga bekerja di Jakarta. Kalau angkutan umumnya nyaman, mereka akan meninggalkan mobilnya di rumah," kata Pramono.',
            "Wakil Gubernur Rano Karno ikut menjajal bus listrik rute Pondok Cabe. Ia meminta operator menjaga ketepatan waktu kedatangan bus, terutama pada jam sibuk pagi dan sore.",
            "Pemerintah Kota Tangerang Selatan menyambut baik rute baru itu dan menyiapkan lahan parkir di dekat halte awal.",
        ],
    ),
    (
        "Sekda Cilegon Maman Mauludin Ingatkan ASN Soal Disiplin Jam Kerja",
        "CILEGON",
        [
            "Sekretaris Daerah Kota Cilegon Maman Mauludin mengingatkan aparatur sipil negara (ASN) di lingkungan Pemkot Cilegon untuk disiplin jam kerja. Peringatan itu disampaikan saat apel gabungan di halaman kantor wali kota, Senin.",
            "Maman mengungkapkan hasil inspeksi mendadak pekan lalu menemukan puluhan pegawai belum berada di kantor hingga pukul sembilan pagi. Beberapa ruang pelayanan bahkan belum dibuka saat warga sudah mengantre.",
            '"Pelayanan dimulai pukul tujuh tiga puluh. Warga tidak boleh menunggu karena pegawainya terlambat," tegas Maman.',
            "Ia meminta kepala OPD memeriksa rekap presensi elektronik setiap pekan dan memberikan sanksi sesuai aturan disiplin pegawai. Tunjangan kinerja pegawai yang sering terlambat akan dipotong.",
            "Maman juga meminta ASN tidak bermain telepon genggam saat melayani warga dan menjaga kebersihan ruang pelayanan.",
        ],
    ),
    (
        "Wawali Tangsel Pilar Saga Ichsan Tinjau Perbaikan Saluran Air di Pamulang",
        "TANGERANG SELATAN",
        [
            "Wakil Wali Kota Tangerang Selatan Pilar Saga Ichsan meninjau perbaikan saluran air di Jalan Surya Kencana, Pamulang. Saluran itu kerap meluap dan menyebabkan genangan setinggi lutut setiap hujan deras.",
            "Pilar menemukan banyak saluran yang menyempit karena tertutup bangunan toko dan sampah. Ia meminta pemilik bangunan membongkar sendiri bagian yang menutupi saluran dalam waktu dua pekan.",
            '"Kalau tidak dibongkar sendiri, kami bongkar. Saluran ini milik bersama, jangan sampai satu bangunan membuat ratusan warga kebanjiran," kata Pilar.',
            "Dinas Sumber Daya Air, Bina Marga dan Bina Konstruksi Tangsel menargetkan normalisasi saluran sepanjang 2,3 kilometer rampung sebelum musim hujan. Pengerjaan dilakukan malam hari agar tidak mengganggu lalu lintas.",
            "Pilar juga mengajak warga tidak membuang sampah ke saluran dan ikut kerja bakti setiap akhir pekan.",
        ],
    ),
    (
        "Pemprov Banten Gratiskan Biaya Sekolah di SMA dan SMK Swasta Mitra",
        "SERANG",
        [
            "Pemerintah Provinsi Banten mulai menggratiskan biaya sekolah bagi siswa SMA, SMK dan SKh swasta yang menjadi mitra program sekolah gratis. Pada tahap awal, 742 sekolah swasta menandatangani perjanjian kerja sama dengan Dinas Pendidikan dan Kebudayaan Banten.",
            "Gubernur Andra Soni mengatakan pemprov menanggung biaya operasional pendidikan per siswa sesuai satuan biaya yang ditetapkan. Sekolah mitra tidak boleh lagi memungut uang sekolah bulanan dari orang tua.",
            '"Tidak boleh ada anak Banten yang putus sekolah karena biaya. Sekolah negeri dan swasta sama-sama kita bantu," ujar Andra Soni.',
            "Wakil Gubernur A. Dimyati Natakusumah meminta Inspektorat mengawasi penggunaan dana agar tepat sasaran. Sekolah yang terbukti masih menarik pungutan akan dikeluarkan dari program.",
            "Orang tua siswa dapat melapor melalui kanal pengaduan yang disediakan Dinas Pendidikan bila masih menemukan pungutan di sekolah mitra.",
        ],
    ),
    (
        "DPRD Kabupaten Serang Soroti Banjir Langganan di Kawasan Industri Cikande",
        "SERANG",
        [
            "Komisi III DPRD Kabupaten Serang menggelar rapat dengar pendapat dengan Dinas Pekerjaan Umum dan Penataan Ruang serta pengelola kawasan industri Cikande. Rapat membahas banjir yang berulang kali merendam permukiman di sekitar kawasan industri.",
            "Anggota dewan menilai saluran pembuangan kawasan industri tidak sebanding dengan luas lahan yang sudah dibeton. Air hujan langsung mengalir ke permukiman warga dan merendam rumah hingga sepekan.",
            '"Industri boleh tumbuh, tetapi warga di sekitarnya jangan jadi korban. Kami minta ada kolam retensi yang memadai," kata ketua komisi dalam rapat tersebut.',
            "Pihak pengelola kawasan berjanji membangun dua kolam retensi baru dan melebarkan saluran utama tahun ini. Pemkab Serang diminta mengawasi agar janji itu ditepati.",
            "Wakil Bupati Serang Muhammad Najib Hamas yang dimintai tanggapan usai rapat mengatakan pemkab akan mengevaluasi izin lingkungan perusahaan yang tidak memenuhi kewajiban pengelolaan air hujan.",
        ],
    ),
    (
        "Pemkab Tangerang Bangun 1.000 Rumah Layak Huni Tahun Ini",
        "TANGERANG",
        [
            "Bupati Tangerang Moch. Maesyal Rasyid menargetkan perbaikan 1.000 rumah tidak layak huni pada tahun ini. Program bedah rumah itu menyasar keluarga miskin di 29 kecamatan, terutama di wilayah pesisir utara.",
            "Maesyal meninjau salah satu rumah yang sedang diperbaiki di Desa Kohod, Kecamatan Pakuhaji. Rumah berdinding bilik bambu milik seorang nelayan itu diganti dengan dinding bata dan atap baja ringan.",
            '"Rumah yang sehat membuat anak-anak bisa belajar dengan tenang dan orang tua bisa bekerja dengan tenang," ujar Maesyal.',
            "Wakil Bupati Tangerang Intan Nurul Hikmah mengatakan pengerjaan melibatkan warga sekitar melalui pola padat karya. Dengan cara itu, biaya upah tetap berputar di desa.",
            "Data Dinas Perumahan, Permukiman dan Pemakaman Kabupaten Tangerang mencatat masih ada sekitar 9.000 rumah tidak layak huni yang menunggu giliran diperbaiki.",
        ],
    ),
    (
        "Wali Kota Serang Budi Rustandi Tertibkan PKL di Kawasan Stadion Maulana Yusuf",
        "SERANG",
        [
            "Wali Kota Serang Budi Rustandi memimpin penertiban pedagang kaki lima di kawasan Stadion Maulana Yusuf. Lapak pedagang yang berdiri di atas trotoar dan saluran air dibongkar oleh Satuan Polisi Pamong Praja.",
            "Budi menegaskan penertiban bukan untuk mematikan usaha kecil. Pemkot Serang sudah menyiapkan lokasi relokasi di lahan parkir stadion yang dilengkapi listrik, air bersih dan tempat sampah.",
            '"Trotoar untuk pejalan kaki. Pedagang kita tata supaya tetap berjualan dan kota terlihat rapi," kata Budi.',
            "Wakil Wali Kota Serang Nur Agis Aulia menambahkan, pedagang yang direlokasi dibebaskan dari retribusi selama tiga bulan pertama. Pemkot juga akan menggelar bazar kuliner setiap malam Minggu untuk menarik pengunjung ke lokasi baru.",
            "Sebagian pedagang mengaku keberatan karena khawatir kehilangan pelanggan, namun bersedia mencoba berjualan di lokasi baru.",
        ],
    ),
    (
        "Wagub Jabar Erwan Setiawan Lepas Kafilah Haji Kloter Pertama Embarkasi Kertajati",
        "BANDUNG",
        [
            "Wakil Gubernur Jawa Barat Erwan Setiawan melepas keberangkatan kelompok terbang pertama jemaah haji dari Bandara Internasional Jawa Barat Kertajati, Majalengka. Sebanyak 440 jemaah asal Kabupaten Indramayu berangkat dengan pesawat berbadan lebar.",
            "Erwan meminta jemaah menjaga kesehatan selama di Tanah Suci, terutama saat cuaca panas. Ia juga mengingatkan jemaah lanjut usia agar tidak memaksakan diri mengikuti ibadah sunah yang menguras tenaga.",
            '"Jaga kekompakan rombongan dan ikuti arahan petugas. Semoga semuanya kembali dengan selamat dan menjadi haji mabrur," ujar Erwan.',
            "Tahun ini Embarkasi Kertajati melayani 34 kelompok terbang. Pemprov Jawa Barat menyiapkan layanan kesehatan dan transportasi gratis dari asrama haji ke bandara.",
            "Kepala kantor wilayah kementerian agama setempat menyebut seluruh jemaah kloter pertama telah menerima vaksin dan pemeriksaan kesehatan akhir.",
        ],
    ),
    (
        "Pemkot Bengkulu Buka Layanan Adminduk Malam Hari di Mal Pelayanan Publik",
        "BENGKULU",
        [
            "Pemerintah Kota Bengkulu membuka layanan administrasi kependudukan pada malam hari di Mal Pelayanan Publik. Warga kini dapat mengurus kartu keluarga, akta kelahiran dan kartu identitas anak hingga pukul sembilan malam.",
            "Wali Kota Bengkulu Dedy Wahyudi mengatakan layanan malam dibuka untuk pekerja yang tidak bisa meninggalkan kantor pada jam kerja. Dalam pekan pertama, lebih dari 600 warga memanfaatkan layanan ini.",
            '"Pelayanan harus menyesuaikan kebutuhan warga, bukan sebaliknya. Petugas kami bekerja bergiliran," ujar Dedy.',
            "Dinas Kependudukan dan Pencatatan Sipil Kota Bengkulu menambah 12 petugas dan dua mesin cetak kartu identitas untuk mendukung layanan malam. Antrean dapat diambil secara daring sehari sebelumnya.",
            "Pemkot berencana memperluas layanan malam ke perizinan usaha dan pembayaran pajak daerah bila animo warga tetap tinggi.",
        ],
    ),
    (
        "Plh Sekda Banten Deden Apriandhi Lantik 87 Pejabat Fungsional",
        "SERANG",
        [
            "Plh Sekda Provinsi Banten Deden Apriandhi melantik 87 pejabat fungsional di lingkungan Pemprov Banten di Aula Setda, KP3B, Kota Serang. Mereka terdiri atas analis kebijakan, perencana, auditor dan pranata komputer.",
            "Deden mengatakan penyederhanaan birokrasi membuat peran pejabat fungsional semakin penting. Mereka diharapkan bekerja berdasarkan keahlian dan target kinerja yang terukur.",
            '"Jabatan fungsional bukan tempat parkir pegawai. Setiap angka kredit harus lahir dari pekerjaan nyata yang bermanfaat," kata Deden dalam amanatnya.',
            "Badan Kepegawaian Daerah Banten mencatat saat ini terdapat lebih dari 4.000 pejabat fungsional di lingkungan pemprov. Pelantikan dilakukan setelah para pegawai lulus uji kompetensi.",
            "Deden meminta para pejabat yang baru dilantik segera menyusun rencana kerja dan berkoordinasi dengan atasan langsung di unit masing-masing.",
        ],
    ),
    (
        "Pemkab Pandeglang Siapkan Jalur Evakuasi Tsunami di Pesisir Labuan",
        "PANDEGLANG",
        [
            "Pemerintah Kabupaten Pandeglang menyiapkan jalur evakuasi tsunami baru di pesisir Kecamatan Labuan dan Carita. Jalur tersebut dilengkapi rambu petunjuk arah, lampu tenaga surya dan titik kumpul di perbukitan.",
            "Wakil Bupati Pandeglang Iing Andri Supriadi mengatakan pembangunan jalur evakuasi merupakan pelajaran dari tsunami Selat Sunda beberapa tahun silam. Warga pesisir harus tahu ke mana berlari ketika sirene berbunyi.",
            '"Waktu kita hanya beberapa menit. Jalurnya harus jelas dan bebas hambatan, tidak boleh ada lapak atau kendaraan parkir," kata Iing.',
            "BPBD Pandeglang akan menggelar simulasi evakuasi bersama sekolah, nelayan dan pengelola hotel di sepanjang pantai bulan depan. Simulasi melibatkan sekitar 2.000 warga.",
            "Pemkab juga meminta pengelola hotel memasang peta evakuasi di setiap kamar dan melatih karyawannya memandu tamu saat keadaan darurat.",
        ],
    ),
    (
        "Gubernur Aceh Muzakir Manaf Minta Bupati Percepat Rehabilitasi Irigasi",
        "BANDA ACEH",
        [
            "Gubernur Aceh Muzakir Manaf meminta para bupati mempercepat rehabilitasi jaringan irigasi yang rusak menjelang musim tanam. Permintaan itu disampaikan dalam rapat koordinasi pembangunan pertanian di Banda Aceh.",
            "Menurut Muzakir yang akrab disapa Mualem, ribuan hektare sawah di Aceh tidak mendapat pasokan air cukup karena saluran irigasi tersier jebol dan dipenuhi lumpur.",
            '"Petani kita rajin, tetapi airnya tidak sampai ke sawah. Ini yang harus kita selesaikan bersama," ujar Mualem.',
            "Wakil Gubernur Fadhlullah menambahkan, pemerintah Aceh akan mengalokasikan dana otonomi khusus untuk perbaikan irigasi di kabupaten lumbung padi. Kabupaten diminta menyiapkan data kerusakan yang lengkap beserta foto lapangan.",
            "Dinas Pertanian dan Perkebunan Aceh menargetkan indeks pertanaman naik dari satu kali menjadi dua kali setahun di kawasan yang irigasinya telah diperbaiki.",
        ],
    ),
    (
        "Diskominfo Kabupaten Serang Pasang Wifi Gratis di 50 Desa Terpencil",
        "SERANG",
        [
            "Dinas Komunikasi dan Informatika (Diskominfo) Kabupaten Serang memasang jaringan internet gratis di 50 desa yang selama ini sulit mendapat sinyal. Titik akses dipasang di kantor desa, sekolah dan balai warga.",
            "Wakil Bupati Serang Muhammad Najib Hamas meninjau titik akses di Desa Cibojong, Kecamatan Padarincang. Ia mencoba langsung kecepatan internet bersama para pelajar yang sedang mengerjakan tugas sekolah.",
            '"Anak-anak desa tidak boleh tertinggal hanya karena sinyal. Internet ini juga untuk pelaku UMKM memasarkan produknya," kata Najib.',
            "Kepala Diskominfo Kabupaten Serang menjelaskan setiap titik akses dapat melayani sekitar 100 pengguna sekaligus. Penggunaan dibatasi pada jam tertentu dan situs yang tidak pantas diblokir.",
            "Pemkab Serang menargetkan seluruh desa blank spot terjangkau internet pada 2026 melalui kerja sama dengan operator seluler.",
        ],
    ),
    (
        "Ratusan Warga Ikuti Donor Darah Peringatan Hari Jadi Pemkab Lebak",
        "LEBAK",
        [
            "Ratusan aparatur sipil negara dan warga mengikuti donor darah dalam rangka peringatan hari jadi Kabupaten Lebak. Kegiatan digelar di Pendopo Bupati Lebak, Rangkasbitung, bekerja sama dengan Palang Merah Indonesia.",
            "Panitia mencatat 412 kantong darah berhasil dikumpulkan dalam satu hari. Stok darah itu akan disalurkan ke rumah sakit umum daerah dan puskesmas rawat inap yang kekurangan darah.",
            "Sekretaris Daerah Kabupaten Lebak Budi Santoso yang ikut mendonorkan darah mengatakan kegiatan serupa akan digelar rutin setiap tiga bulan. Ia mengajak ASN menjadi pendonor tetap.",
            '"Setetes darah yang kita berikan bisa menyelamatkan ibu melahirkan atau korban kecelakaan," ujar Budi.',
            "Selain donor darah, peringatan hari jadi juga diisi dengan pengobatan gratis, lomba kebersihan kantor dan pameran produk UMKM di alun-alun Rangkasbitung.",
        ],
    ),
    (
        "Pemprov Banten dan BPJS Kesehatan Teken Kerja Sama Universal Health Coverage",
        "SERANG",
        [
            "Pemerintah Provinsi Banten dan BPJS Kesehatan menandatangani perjanjian kerja sama untuk mempertahankan cakupan kesehatan semesta atau Universal Health Coverage. Penandatanganan dilakukan di Pendopo Gubernur Banten, Kota Serang.",
            "Gubernur Banten Andra Soni mengatakan pemprov menanggung iuran ratusan ribu warga miskin yang belum terdaftar sebagai peserta penerima bantuan iuran dari pemerintah pusat. Warga cukup menunjukkan kartu tanda penduduk untuk berobat.",
            '"Kalau ada warga yang ditolak rumah sakit karena tidak punya kartu, laporkan. Kami akan turun tangan," kata Andra Soni.',
            "Plh Sekda Banten Deden Apriandhi menyebut anggaran iuran telah disiapkan dalam APBD dan dibayarkan setiap bulan. Data peserta akan dipadankan dengan data kependudukan agar tidak ada peserta ganda.",
            "Kepala cabang BPJS Kesehatan setempat mengapresiasi komitmen Pemprov Banten dan berharap kabupaten dan kota ikut menjaga kepesertaan warganya tetap aktif.",
        ],
    ),
    (
        "Helmi Hasan Resmikan Rumah Singgah Pasien Bengkulu di Jakarta",
        "BENGKULU",
        [
            "Gubernur Bengkulu Helmi Hasan meresmikan rumah singgah bagi pasien asal Bengkulu yang berobat ke rumah sakit rujukan di Jakarta. Rumah singgah berkapasitas 40 tempat tidur itu terletak tidak jauh dari sejumlah rumah sakit besar.",
            "Helmi mengatakan banyak keluarga pasien yang terpaksa tidur di lorong rumah sakit atau menyewa kamar dengan harga mahal selama menunggu pengobatan. Rumah singgah ini bisa digunakan gratis, termasuk makan tiga kali sehari.",
            '"Orang sakit jangan ditambah beban lagi. Keluarganya harus bisa beristirahat dengan layak," kata Helmi.',
            "Pengelola rumah singgah menyediakan mobil antar jemput ke rumah sakit dan pendamping yang membantu urusan administrasi rujukan. Pasien cukup mendaftar melalui dinas sosial kabupaten atau kota asal.",
            "Pemprov Bengkulu juga menjajaki pembukaan rumah singgah serupa di Padang dan Palembang yang menjadi tujuan rujukan pasien.",
        ],
    ),
]

# One more hand-written paragraph per story (same order as STORIES), put before its last paragraph.
EXTRA = [
    "Sejumlah warga yang hadir mengaku lega. Seorang pedagang sayur dari Desa Cibeureum bercerita, sejak jembatan putus ia harus berangkat sebelum subuh dan menitipkan dagangannya pada ojek dengan ongkos yang memotong hampir separuh keuntungannya. Kini ia cukup berjalan kaki sepuluh menit untuk sampai ke jalan kabupaten.",
    "Pembukaan MTQ dimeriahkan pawai ta'aruf kafilah yang mengenakan busana daerah masing-masing, disusul penampilan kolosal ratusan santri yang melantunkan selawat. Panitia juga menyediakan layar besar di beberapa sudut alun-alun agar warga yang tidak kebagian tempat duduk tetap bisa menyaksikan jalannya lomba.",
    "Dalam rapat itu, Deden juga menyoroti belanja perjalanan dinas yang serapannya justru tinggi dibandingkan belanja modal. Ia meminta setiap kepala OPD menahan perjalanan yang tidak mendesak dan mendahulukan kegiatan yang langsung menyentuh layanan dasar, seperti pendidikan, kesehatan dan infrastruktur jalan.",
    "Salah seorang kader, Siti Maesaroh, mengatakan posyandu di desanya melayani sekitar 70 balita setiap bulan. Ia berharap pemkab menambah insentif kader dan mengganti alat ukur tinggi badan yang sudah rusak, sebab pengukuran yang keliru membuat anak salah tercatat sebagai stunting atau sebaliknya.",
    "Dalam peluncuran itu, Benyamin menyerahkan persetujuan bangunan secara simbolis kepada tiga warga Serpong yang mengajukan permohonan lewat uji coba aplikasi. Salah satu penerima mengaku hanya perlu mengunggah foto sertifikat tanah, gambar rumah dan kartu identitas tanpa harus bertatap muka dengan petugas.",
    "Salah satu peserta, sekretaris desa dari Kecamatan Cikeusal, mengaku selama ini website desanya hanya berisi sambutan kepala desa. Setelah mengikuti pelatihan, ia berencana menampilkan jadwal pelayanan surat-menyurat, daftar penerima bantuan langsung tunai dan foto kegiatan pembangunan jalan lingkungan.",
    "Ketua DPRD Banten yang memimpin rapat paripurna meminta pemprov segera menyusun petunjuk teknis pelaksanaan kegiatan baru. Menurutnya, waktu efektif pelaksanaan anggaran perubahan hanya sekitar empat bulan, sehingga proses lelang harus dimulai segera setelah evaluasi dari Kementerian Dalam Negeri turun.",
    "Ketua kelompok tani Sri Makmur, Haji Jaenudin, mengatakan sawah di desanya sempat terendam selama tiga minggu pada Februari lalu. Akibatnya, sebagian besar petani kehilangan modal tanam. Ia berharap bantuan benih ini disertai perbaikan tanggul dan pintu air agar kejadian serupa tidak terulang.",
    "Ketua kelompok pedagang Pantai Panjang menyatakan mendukung gerakan tersebut. Ia mengakui sebagian pedagang masih membuang sisa dagangan ke pasir pantai karena tidak ada tempat sampah di dekat lapak. Para pedagang sepakat membentuk regu piket kebersihan yang bertugas setiap sore sebelum lapak ditutup.",
    "Kepala Dinas Pekerjaan Umum dan Penataan Ruang Provinsi Bengkulu menjelaskan perbaikan tahap pertama akan menggunakan konstruksi beton sepanjang enam kilometer. Ruas sisanya ditambal sementara sambil menunggu anggaran perubahan. Ia memperkirakan seluruh ruas tuntas diperbaiki pada pertengahan tahun depan.",
    "Di lokasi pasar murah, antrean warga mengular hingga ke jalan raya. Petugas Satpol PP dan linmas dikerahkan untuk mengatur antrean, sementara tenaga kesehatan dari puskesmas setempat berjaga mengantisipasi warga lanjut usia yang kelelahan. Panitia juga membagikan nomor antrean agar warga bisa menunggu di tempat teduh.",
    "Bangunan sekolah rakyat itu memanfaatkan gedung bekas balai latihan kerja yang direnovasi. Di dalamnya terdapat delapan ruang kelas, perpustakaan, ruang makan, lapangan olahraga dan kebun sayur yang akan dikelola para siswa sebagai bagian dari pelajaran keterampilan hidup.",
    "Seorang ibu rumah tangga yang ditemui di Pasar Anyar mengaku membeli sepuluh kilogram beras untuk kebutuhan keluarganya selama dua pekan. Menurutnya, selisih harga hingga dua ribu rupiah per kilogram sangat berarti, apalagi menjelang tahun ajaran baru ketika kebutuhan sekolah anak-anak juga meningkat.",
    "Kepala desa setempat menuturkan longsor terjadi sekitar pukul dua dini hari saat sebagian besar warga tertidur. Beruntung, suara gemuruh dari arah tebing membuat warga sempat berlari menyelamatkan diri. Dua warga mengalami luka ringan dan sudah dirawat di puskesmas terdekat.",
    "Dalam kesempatan itu, Farhan juga meninjau rumah maggot milik karang taruna Sukaluyu. Setiap hari, tempat itu mengolah sekitar 400 kilogram sampah sisa makanan dari rumah makan dan pasar. Larva yang dihasilkan dijual kepada peternak ayam dan ikan sebagai pakan berprotein tinggi.",
    "Kopi yang diekspor telah melalui proses petik merah, penjemuran di atas para-para dan sortasi biji cacat. Sebelumnya, para petani mendapat pelatihan dari dinas perkebunan selama hampir setahun, mulai dari pemangkasan tanaman, pemupukan organik hingga pencatatan hasil panen setiap kebun.",
    "Seorang penjahit di rumah padat karya Tambak Wedi mengatakan penghasilannya kini mencapai dua juta rupiah per bulan. Sebelum bergabung, ia hanya mengandalkan penghasilan suaminya sebagai buruh harian di pelabuhan yang tidak menentu, terutama saat cuaca buruk dan kapal jarang bersandar.",
    "Pembangunan embung dikerjakan selama lima bulan dengan memanfaatkan cekungan alami di antara perbukitan kapur. Tanggul embung diperkuat dengan pasangan batu dan dilengkapi pintu air sehingga debit yang dialirkan ke saluran sawah dapat diatur sesuai kebutuhan tanaman.",
    "Pada hari pertama pengoperasian, ratusan penumpang mencoba rute baru tersebut. Sejumlah penumpang menyambut baik adanya bus langsung ke pusat kota, tetapi meminta jumlah armada ditambah pada jam berangkat kerja agar waktu tunggu di halte tidak lebih dari sepuluh menit.",
    "Dalam apel tersebut, Maman juga memberikan penghargaan kepada lima pegawai dengan catatan kehadiran terbaik selama enam bulan terakhir. Menurutnya, penghargaan itu diharapkan memacu pegawai lain untuk memperbaiki kedisiplinan dan menunjukkan bahwa kerja keras diperhatikan oleh pimpinan.",
    "Warga setempat mengaku sudah bertahun-tahun mengeluhkan genangan di ruas jalan tersebut. Saat hujan deras, air bercampur lumpur masuk ke rumah dan toko sehingga barang dagangan rusak. Pengendara sepeda motor juga kerap mogok karena nekat menerobos genangan di depan pasar.",
    "Program sekolah gratis ini disambut antusias orang tua siswa. Seorang ayah di Kota Serang yang bekerja sebagai pengemudi ojek daring mengaku selama ini harus menyisihkan tiga ratus ribu rupiah setiap bulan untuk uang sekolah anaknya di SMK swasta. Dana itu kini bisa dipakai untuk membeli buku dan seragam.",
    "Warga Desa Nambo Udik yang hadir dalam rapat menceritakan banjir terakhir merendam lebih dari dua ratus rumah. Anak-anak tidak bisa bersekolah selama beberapa hari, sementara sumur warga tercemar air bercampur limbah sehingga mereka terpaksa membeli air bersih untuk memasak dan minum.",
    "Setiap rumah mendapat bantuan bahan bangunan senilai dua puluh juta rupiah. Pemilik rumah dan tetangga bergotong royong mengerjakan pembangunan, sementara tenaga teknis dari dinas memastikan struktur rumah memenuhi syarat kesehatan, termasuk ventilasi, jamban sehat dan lantai yang tidak lagi berupa tanah.",
    "Penertiban berlangsung tanpa perlawanan. Sebagian pedagang bahkan membongkar sendiri tenda dan gerobaknya sebelum petugas datang. Satpol PP menyediakan truk untuk mengangkut barang pedagang ke lokasi relokasi, sedangkan dinas perhubungan menata ulang area parkir agar pengunjung mudah menjangkau lapak.",
    "Di antara jemaah kloter pertama terdapat pasangan suami istri berusia 83 tahun yang menabung dari hasil berjualan nasi uduk selama lebih dari dua puluh tahun. Keduanya mendapat pendampingan khusus dari petugas kloter dan kursi roda yang disiapkan panitia penyelenggara ibadah haji.",
    "Salah seorang warga, karyawan swasta di Kelurahan Pagar Dewa, mengaku baru bisa mengurus akta kelahiran anaknya setelah layanan malam dibuka. Selama ini ia sulit mendapat izin meninggalkan pekerjaan, sementara kantor dukcapil sudah tutup ketika ia pulang kerja pada sore hari.",
    "Para pejabat fungsional yang dilantik juga menandatangani pakta integritas. Deden menekankan pentingnya menjaga netralitas aparatur sipil negara dan menolak segala bentuk gratifikasi. Ia meminta mereka menjadi contoh bagi rekan kerja dalam menjalankan tugas secara jujur dan profesional.",
    "Rambu evakuasi dipasang setiap dua ratus meter dan dibuat dengan cat yang memantulkan cahaya agar terlihat pada malam hari. Di titik kumpul, pemkab menyiapkan tenda, tandon air bersih dan toilet darurat yang dapat digunakan pengungsi selama beberapa hari pertama setelah bencana.",
    "Sejumlah bupati menyampaikan kendala di lapangan, mulai dari pembebasan lahan untuk saluran baru hingga keterbatasan alat berat milik daerah. Mualem meminta dinas teknis provinsi meminjamkan alat berat secara bergiliran dan mendorong keterlibatan petani dalam pemeliharaan saluran melalui kelompok petani pemakai air.",
    "Warga Desa Cibojong sebelumnya harus naik ke bukit di belakang desa untuk mendapat sinyal telepon. Kepala desa setempat mengatakan kini perangkat desa bisa mengirim laporan administrasi dari kantor tanpa harus pergi ke kecamatan, sehingga menghemat waktu dan ongkos perjalanan.",
    "Antusiasme peserta terlihat sejak pagi. Sebagian calon pendonor terpaksa ditolak karena tekanan darah atau kadar hemoglobin tidak memenuhi syarat. Petugas PMI memberikan penjelasan dan saran pola makan agar mereka dapat mendonorkan darah pada kegiatan berikutnya.",
    "Dalam acara yang sama, Andra Soni menyerahkan kartu kepesertaan secara simbolis kepada sejumlah warga, di antaranya seorang buruh tani dari Kabupaten Pandeglang yang selama ini berobat dengan biaya sendiri. Ia mengaku bersyukur karena tidak perlu lagi meminjam uang untuk kontrol rutin penyakit jantungnya.",
    "Salah seorang keluarga pasien asal Kabupaten Kaur yang sudah menempati rumah singgah mengaku sangat terbantu. Ia menemani anaknya yang menjalani kemoterapi setiap dua minggu. Sebelumnya, ia harus menyewa kamar kos di dekat rumah sakit dengan biaya lebih dari dua juta rupiah per bulan.",
]

# Short notices: one opening, one middle and one closing sentence per notice, filled with
# different offices, places and numbers, so each notice is its own story.
NOTICE_OPENINGS = [
    "{office} menggelar {event} di {place} pada {day} pagi, diikuti sekitar {n} peserta dari berbagai kecamatan.",
    "Sebanyak {n} warga memadati {place} saat {office} membuka {event} pada {day}.",
    "{office} resmi memulai {event} yang dipusatkan di {place}, {day} siang.",
    "Bertempat di {place}, {office} menyelenggarakan {event} selama dua hari mulai {day}.",
]
NOTICE_MIDDLES = [
    "Kegiatan ini menghabiskan anggaran sekitar Rp {money} juta dan melibatkan {k} organisasi perangkat daerah.",
    "Panitia menyiapkan {k} stan layanan sehingga warga tidak perlu menunggu lama untuk dilayani petugas.",
    "Menurut panitia, jumlah peserta tahun ini naik hampir {k} persen dibandingkan tahun lalu.",
    "Petugas kesehatan dan relawan dari {k} desa ikut membantu kelancaran acara sejak pagi.",
    "Sejumlah kepala dinas turut hadir dan memberikan penjelasan langsung kepada warga yang bertanya.",
]
NOTICE_CLOSINGS = [
    "{office} berencana menggelar kegiatan serupa secara rutin setiap {period}.",
    "Warga yang belum sempat hadir dapat mengikuti kegiatan berikutnya di kecamatan lain pada {period} mendatang.",
    "Hasil kegiatan akan dilaporkan kepada kepala daerah sebagai bahan evaluasi program {period} depan.",
    "Panitia berharap partisipasi warga terus meningkat pada pelaksanaan {period} berikutnya.",
]
NOTICE_OFFICES = [
    "Pemkab Serang",
    "Pemkot Cilegon",
    "Pemkab Lebak",
    "Pemkot Tangerang Selatan",
    "Pemprov Banten",
    "Dinas Kesehatan Kota Serang",
    "Diskominfo Kota Tangerang",
    "Pemkab Pandeglang",
    "Pemkot Bengkulu",
    "Dinas Sosial Provinsi Banten",
    "Pemkab Tangerang",
    "BPBD Kabupaten Lebak",
    "Disdukcapil Kota Cilegon",
]
NOTICE_EVENTS = [
    ("vaksinasi gratis untuk lansia", "Vaksinasi Gratis Lansia"),
    ("lomba kebersihan antarkampung", "Lomba Kebersihan Antarkampung"),
    ("pelatihan kewirausahaan bagi pemuda", "Pelatihan Kewirausahaan Pemuda"),
    ("sosialisasi pencegahan demam berdarah", "Sosialisasi Cegah DBD"),
    ("pekan olahraga pelajar", "Pekan Olahraga Pelajar"),
    ("bazar produk UMKM", "Bazar UMKM"),
    ("perekaman KTP elektronik keliling", "Perekaman KTP-el Keliling"),
    ("simulasi tanggap bencana banjir", "Simulasi Tanggap Banjir"),
    ("festival kuliner tradisional", "Festival Kuliner Tradisional"),
    ("penanaman seribu pohon", "Penanaman Seribu Pohon"),
    ("pemeriksaan kesehatan gratis bagi nelayan", "Cek Kesehatan Gratis Nelayan"),
    ("lomba baca puisi tingkat SD", "Lomba Baca Puisi SD"),
]
NOTICE_PLACES = [
    "alun-alun kota",
    "gedung olahraga kecamatan",
    "halaman kantor bupati",
    "balai desa Sukamaju",
    "lapangan Ciceri",
    "pendopo kabupaten",
    "taman kota Pamulang",
    "pelabuhan Karangantu",
    "gedung serba guna Kramatwatu",
    "pantai Anyer",
]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
PERIODS = ["bulan", "tahun", "triwulan", "semester"]


def make_notice(rng: random.Random) -> dict:
    """A short notice from the sentence templates (its own story)."""
    office = rng.choice(NOTICE_OFFICES)
    event, event_title = rng.choice(NOTICE_EVENTS)
    place = rng.choice(NOTICE_PLACES)
    fill = dict(
        office=office,
        event=event,
        place=place,
        day=rng.choice(DAYS),
        n=rng.randrange(120, 2400, 10),
        money=rng.randrange(35, 900, 5),
        k=rng.randint(3, 40),
        period=rng.choice(PERIODS),
    )
    middles = rng.sample(NOTICE_MIDDLES, 3)
    paras = [
        rng.choice(NOTICE_OPENINGS).format(**fill),
        " ".join(m.format(**fill) for m in middles[:2]),
        middles[2].format(**fill),
        rng.choice(NOTICE_CLOSINGS).format(**fill),
    ]
    return {"title": f"{office} Gelar {event_title} di {place.title()}", "text": "\n".join(paras), "city": "SERANG"}


def build(seed: int = 2025) -> list:
    if len(EXTRA) != len(STORIES):
        raise ValueError("EXTRA needs one paragraph per story")
    stories = [{"title": t, "city": c, "text": "\n".join(p[:-1] + [x, p[-1]])} for (t, c, p), x in zip(STORIES, EXTRA)]
    rng = random.Random(seed)
    notices = []
    while len(notices) < 60:
        n = make_notice(rng)
        if all(n["title"] != o["title"] for o in notices):
            notices.append(n)
    sites = synth.make_sites(8, seed)
    records = synth.make_corpus(
        stories, copies_per_story=(3, 8), seed=seed, sites=sites, singleton_fraction=0.1, dates=DATES
    )
    more = synth.make_corpus(
        notices + stories,
        n_stories=len(notices),
        copies_per_story=(1, 3),
        seed=seed + 1,
        sites=sites,
        singleton_fraction=0.6,
        dates=DATES,
    )
    for r in more:
        r["story"] += len(stories)
    records = records + more
    random.Random(seed + 2).shuffle(records)
    records.sort(key=lambda r: r["date"])  # stable: shuffled within a day
    return records


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=REPO / "python" / "warta" / "data" / "demo_corpus.jsonl.gz")
    ap.add_argument("--seed", type=int, default=2025)
    args = ap.parse_args()
    records = build(args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(args.out, "wb", mtime=0) as f:  # mtime=0: same bytes for the same seed
        for r in records:
            f.write((json.dumps(r, ensure_ascii=False) + "\n").encode("utf-8"))
    n_stories = len({r["story"] for r in records})
    print(f"wrote {len(records)} records ({n_stories} stories) to {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
